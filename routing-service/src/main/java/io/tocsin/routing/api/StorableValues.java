package io.tocsin.routing.api;

import io.tocsin.contracts.StorableText;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What the admin API takes into PostgreSQL and its time arithmetic: text without NUL (PostgreSQL text cannot hold it)
 * or a broken UTF-16 surrogate (it would be stored as '?'), times within years 1 to 9999 and durations of at most a
 * hundred years either way, so that adding a shift, a delay or a timeout to a time neither overflows
 * {@code java.time} nor leaves PostgreSQL's range.
 */
public final class StorableValues {

    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    static final Duration LONGEST = Duration.ofDays(36_500);

    private StorableValues() {
    }

    /** Why the text cannot be taken, if it cannot. */
    public static Optional<String> refusal(String text) {
        int bad = StorableText.firstUnstorable(text, 0);
        if (bad < 0) {
            return Optional.empty();
        }
        return Optional.of(text.charAt(bad) == '\u0000'
                ? "must not contain the NUL character (\\u0000), which cannot be stored: remove it"
                : "must not contain a lone UTF-16 surrogate (\\u" + Integer.toHexString(text.charAt(bad))
                        + "), which is no character: send valid Unicode text");
    }

    /** Why the time cannot be taken, if it cannot. */
    public static Optional<String> refusal(Instant time) {
        return time.isBefore(EARLIEST) || time.isAfter(LATEST) ? Optional.of(range()) : Optional.empty();
    }

    /** Why the local time cannot be taken, if it cannot: the same years in any time zone. */
    static Optional<String> refusal(LocalDateTime time) {
        return refusal(time.toInstant(ZoneOffset.UTC)).map(range -> "must be between 0001-01-01T00:00 and"
                + " 9999-12-31T23:59");
    }

    /** Why the duration cannot be taken, if it cannot. */
    static Optional<String> refusal(Duration duration) {
        return duration.abs().compareTo(LONGEST) > 0
                ? Optional.of("must be at most P" + LONGEST.toDays() + "D (a hundred years) either way, not "
                        + duration)
                : Optional.empty();
    }

    private static String range() {
        return "must be between " + EARLIEST + " and " + LATEST;
    }
}
