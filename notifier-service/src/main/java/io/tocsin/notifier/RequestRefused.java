package io.tocsin.notifier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request to one of the notifier's webhooks refused before anything changed. Every webhook answers refusals alike:
 * an RFC 9457 problem ({@code application/problem+json}, UTF-8) with a type and a detail that says what to fix;
 * controllers throw it ({@link Refusals} answers), filters in front of them write it themselves.
 */
public class RequestRefused extends RuntimeException {

    private static final Logger log = LoggerFactory.getLogger(RequestRefused.class);

    private final HttpStatus status;
    private final String type;
    private final String title;

    /** {@code type}: the problem's kind, e.g. "slack-request" becomes {@code urn:tocsin:problem:slack-request}. */
    public RequestRefused(HttpStatus status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    /**
     * A request without the signature its platform (Twilio, Slack) makes, with one that does not match, or one made
     * too long ago: {@code 403}. Not {@code 401}: that would have to offer an HTTP authentication scheme in
     * {@code WWW-Authenticate}, and a platform's signature is none.
     */
    public static RequestRefused unsigned(String platform, String detail) {
        return new RequestRefused(HttpStatus.FORBIDDEN, "signature-refused", platform + " signature refused", detail);
    }

    public HttpStatus status() {
        return status;
    }

    /** Answers the request with this problem, and logs the refusal. */
    public void writeTo(HttpServletRequest request, HttpServletResponse response) throws IOException {
        log.warn("{} {} refused ({}): {}", request.getMethod(), request.getRequestURI(), status.value(), getMessage());
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:tocsin:problem:" + type);
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", getMessage());
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setCharacterEncoding(StandardCharsets.UTF_8);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JsonMapper.shared().writeValueAsBytes(problem));
    }
}
