package io.tocsin.notifier.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** A provider's Retry-After header as the wait it asks for: seconds, or an HTTP date. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait from {@code now}; null if the header is absent or unreadable. */
    public static Duration parse(String retryAfter, Instant now) {
        if (retryAfter == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(now,
                        ZonedDateTime.parse(retryAfter.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
