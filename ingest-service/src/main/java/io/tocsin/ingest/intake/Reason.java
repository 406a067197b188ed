package io.tocsin.ingest.intake;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/** Why ingest turned a request away: the HTTP status it answers with and the tag its metrics and problems use. */
public enum Reason {

    MISSING_KEY(HttpStatus.UNAUTHORIZED, "Integration key missing"),
    UNKNOWN_KEY(HttpStatus.NOT_FOUND, "Unknown integration key"),
    DISABLED(HttpStatus.FORBIDDEN, "Integration disabled"),
    KEY_EXPIRED(HttpStatus.FORBIDDEN, "Integration key expired"),
    WRONG_TYPE(HttpStatus.BAD_REQUEST, "Wrong integration type"),
    UNKNOWN_TYPE(HttpStatus.NOT_FOUND, "Unknown integration type"),
    TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type"),
    MALFORMED(HttpStatus.BAD_REQUEST, "Malformed payload"),
    INVALID(HttpStatus.BAD_REQUEST, "Invalid event"),
    SIGNATURE_INVALID(HttpStatus.FORBIDDEN, "Signature invalid"),
    CONFIRMATION_FAILED(HttpStatus.BAD_GATEWAY, "Subscription not confirmed"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Rate limit exceeded"),
    NOT_STORED(HttpStatus.SERVICE_UNAVAILABLE, "Event not stored"),
    OVERLOADED(HttpStatus.SERVICE_UNAVAILABLE, "Ingest overloaded"),
    NOT_READY(HttpStatus.SERVICE_UNAVAILABLE, "Integrations still loading");

    private final HttpStatus status;
    private final String title;

    Reason(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The metric tag and problem type suffix, e.g. {@code unknown-key}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the integration key is at fault (PagerDuty answers these as an invalid event). */
    public boolean isAboutTheKey() {
        return this == MISSING_KEY || this == UNKNOWN_KEY || this == DISABLED || this == WRONG_TYPE;
    }
}
