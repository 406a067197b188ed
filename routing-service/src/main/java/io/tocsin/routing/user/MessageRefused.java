package io.tocsin.routing.user;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A code, a test page or a verification refused: a wrong code (400), an expired one (410), too many tries or sends
 * (429, with when to try again in {@code Retry-After}), as a problem detail saying what to do.
 */
public class MessageRefused extends ErrorResponseException {

    private final HttpHeaders headers = new HttpHeaders();

    MessageRefused(HttpStatus status, String detail) {
        super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    /** Too many: 429, to be tried again after {@code wait}. */
    static MessageRefused tooMany(String detail, Duration wait) {
        MessageRefused refused = new MessageRefused(HttpStatus.TOO_MANY_REQUESTS, detail);
        refused.headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, wait.toSeconds())));
        return refused;
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }
}
