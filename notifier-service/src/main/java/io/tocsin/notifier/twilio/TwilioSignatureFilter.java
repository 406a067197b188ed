package io.tocsin.notifier.twilio;

import com.twilio.security.RequestValidator;
import io.tocsin.notifier.NotifierProperties;
import io.tocsin.notifier.RequestRefused;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Lets through to /webhooks/twilio/** only requests Twilio signed: {@code X-Twilio-Signature} is Base64(HMAC-SHA1)
 * with the auth token over the URL Twilio called (the public URL, not the address behind the proxy) followed by the
 * POST parameters sorted by name. Anything else is answered 403 before a controller sees it.
 */
final class TwilioSignatureFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Twilio-Signature";

    private final RequestValidator validator;
    private final NotifierProperties notifier;

    TwilioSignatureFilter(String authToken, NotifierProperties notifier) {
        this.validator = new RequestValidator(authToken);
        this.notifier = notifier;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String signature = request.getHeader(HEADER);
        String url = notifier.url(request.getRequestURI().substring(request.getContextPath().length()))
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        if (signature == null || signature.isBlank()) {
            RequestRefused.unsigned("Twilio", "The request has no " + HEADER + " header: only Twilio's webhooks are"
                    + " answered here").writeTo(request, response);
            return;
        }
        if (!validator.validate(url, postParameters(request), signature)) {
            RequestRefused.unsigned("Twilio", "The " + HEADER + " does not match this request to " + url + ". Twilio"
                    + " signs the URL it calls: set TOCSIN_PUBLIC_URL to the address configured in Twilio (the proxy's,"
                    + " with any path prefix)").writeTo(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * The form fields of the body, which Twilio signs; the servlet API mixes the query string's parameters in first,
     * and those are part of the signed URL instead.
     */
    private static Map<String, String> postParameters(HttpServletRequest request) {
        Map<String, List<String>> query = request.getQueryString() == null ? Map.of()
                : UriComponentsBuilder.newInstance().query(request.getQueryString()).build().getQueryParams();
        Map<String, String> params = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            String[] body = Arrays.copyOfRange(values, Math.min(values.length, query.getOrDefault(name, List.of()).size()),
                    values.length);
            if (body.length > 0) {
                params.put(name, body[0]);
            }
        });
        return params;
    }
}
