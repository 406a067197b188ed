package io.tocsin.ingest.intake;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.SecretHash;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The rules every normalizer applies to the values of an alert: dedup key and summary lengths, severities, times. */
public final class AlertValues {

    /** PagerDuty's limit, which routing relies on as well. */
    public static final int MAX_DEDUP_KEY = 255;
    public static final int MAX_SUMMARY = 1024;

    private AlertValues() {
    }

    /**
     * A stable dedup key made of the given parts ({@code uptime-kuma/42}); a key too long for routing is replaced
     * by its SHA-256, which is just as stable.
     */
    public static String dedupKey(String... parts) {
        String key = String.join("/", parts);
        return key.length() <= MAX_DEDUP_KEY ? key : "sha256:" + SecretHash.of(key);
    }

    /** The summary cut to what an incident title holds, marking the cut. */
    public static String summary(String summary) {
        String oneLine = summary.strip();
        return oneLine.length() <= MAX_SUMMARY ? oneLine : oneLine.substring(0, MAX_SUMMARY - 1) + "…";
    }

    /**
     * The PagerDuty action named trigger, acknowledge or resolve in {@code field}; adds an error naming the field
     * and returns null when it is missing or something else.
     */
    public static AlertAction action(String field, String name, List<String> errors) {
        return switch (name == null ? "" : name) {
            case "trigger" -> AlertAction.TRIGGER;
            case "acknowledge" -> AlertAction.ACKNOWLEDGE;
            case "resolve" -> AlertAction.RESOLVE;
            case "" -> {
                errors.add("'" + field + "' is missing; use trigger, acknowledge or resolve");
                yield null;
            }
            default -> {
                errors.add("'" + field + "' must be trigger, acknowledge or resolve, not '" + name + "'");
                yield null;
            }
        };
    }

    /**
     * A severity named the way monitoring tools name them (critical, page, error, high, warning, warn, info, low…);
     * empty for a name it does not know.
     */
    public static Optional<Severity> severity(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "critical", "crit", "page", "fatal", "emergency", "alert", "disaster", "p1" -> Optional.of(Severity.CRITICAL);
            case "error", "err", "high", "major", "p2" -> Optional.of(Severity.ERROR);
            case "warning", "warn", "medium", "minor", "average", "p3" -> Optional.of(Severity.WARNING);
            case "info", "information", "informational", "low", "none", "notice", "ok", "p4", "p5" -> Optional.of(Severity.INFO);
            default -> Optional.empty();
        };
    }

    /**
     * An instant written as ISO 8601 with an offset, as ISO 8601 without one (taken as UTC), or as Unix seconds;
     * empty when it is none of these.
     */
    public static Optional<Instant> instant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.strip();
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notWithOffset) {
            try {
                return Optional.of(LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(Instant.ofEpochSecond(Long.parseLong(value)));
                } catch (NumberFormatException notEpoch) {
                    return Optional.empty();
                }
            }
        }
    }
}
