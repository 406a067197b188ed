package io.tocsin.ingest.intake;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A request ingest did not accept; nothing of it was published. {@code errors} name each problem found. */
public class Rejected extends RuntimeException {

    private final Reason reason;
    private final List<String> errors;
    private final Duration retryAfter;

    public Rejected(Reason reason, String detail) {
        this(reason, detail, List.of(), null, null);
    }

    public Rejected(Reason reason, String detail, List<String> errors, Duration retryAfter, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
        this.errors = errors.isEmpty() ? List.of(detail) : List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    public List<String> errors() {
        return errors;
    }

    /** How long the sender should wait before trying again, for rate limits and outages. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** {@link #retryAfter()} in whole seconds, at least one, as the Retry-After header wants it. */
    public Optional<String> retryAfterSeconds() {
        return retryAfter().map(wait -> Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
    }
}
