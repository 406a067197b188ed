package io.tocsin.routing.service;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.contracts.AlertEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a service's alerts group into incidents: each its own ({@code NONE}), all arriving while an incident opened
 * less than {@code window} ago is open ({@code TIME}), or those with the same values of {@code fields}
 * ({@code CONTENT}, within {@code window} too).
 */
@Schema(description = "How the service's alerts group into incidents. NONE: every alert is its own incident (the"
        + " default). TIME: an alert arriving while an incident of the service opened less than 'window' ago is still"
        + " open joins it. CONTENT: alerts with the same values of 'fields' join the same open incident opened less"
        + " than 'window' ago. A joined alert pages nobody again.",
        example = "{\"type\": \"CONTENT\", \"fields\": [\"labels.cluster\", \"source\"], \"window\": \"PT1H\"}")
public record AlertGrouping(
        @Schema(description = "NONE, TIME or CONTENT") Type type,
        @Schema(description = "how long after it opened an incident still collects alerts (TIME and CONTENT),"
                + " e.g. PT5M") Duration window,
        @Schema(description = "CONTENT: the alert fields whose values must match: summary, source, severity, dedupKey,"
                + " integrationType, or a path into the details such as labels.cluster (details.labels.cluster"
                + " too)") List<String> fields) {

    public enum Type {
        NONE, TIME, CONTENT
    }

    /** Today's behaviour: every alert its own incident. */
    public static final AlertGrouping NONE = new AlertGrouping(Type.NONE, null, null);

    public AlertGrouping {
        type = type == null ? Type.NONE : type;
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** Whether the settings make sense together: a message a person can act on if not. */
    public Optional<String> problem() {
        if (type == Type.NONE) {
            return window != null || !fields.isEmpty()
                    ? Optional.of("'alertGrouping': type NONE takes no window and no fields") : Optional.empty();
        }
        if (window == null || window.compareTo(Duration.ofSeconds(1)) < 0) {
            return Optional.of("'alertGrouping.window' must be at least PT1S for type " + type);
        }
        if (type == Type.TIME && !fields.isEmpty()) {
            return Optional.of("'alertGrouping': type TIME groups by time alone and takes no fields (CONTENT does)");
        }
        if (type == Type.CONTENT && (fields.isEmpty() || fields.stream().anyMatch(field -> field == null
                || field.isBlank()))) {
            return Optional.of("'alertGrouping.fields' must name at least one field for type CONTENT, e.g."
                    + " [\"labels.cluster\"]");
        }
        return Optional.empty();
    }

    /**
     * The group the alert belongs to: the same text for alerts that join the same incident ({@code ""} for TIME, the
     * fields' values for CONTENT, a missing value counting as empty); empty for NONE.
     */
    public Optional<String> groupKey(AlertEvent alert) {
        return switch (type) {
            case NONE -> Optional.empty();
            case TIME -> Optional.of("");
            case CONTENT -> {
                List<String> values = new ArrayList<>();
                for (String field : fields) {
                    values.add(field + "=" + value(alert, field));
                }
                yield Optional.of(String.join("\n", values));
            }
        };
    }

    private static String value(AlertEvent alert, String field) {
        Object value = switch (field) {
            case "summary" -> alert.summary();
            case "source" -> alert.source();
            case "severity" -> alert.severity();
            case "dedupKey" -> alert.dedupKey();
            case "integrationType" -> alert.integrationType();
            default -> detail(alert.details(), field.startsWith("details.") ? field.substring(8) : field);
        };
        return value == null ? "" : value.toString();
    }

    private static Object detail(Map<String, Object> details, String path) {
        Object value = details;
        for (String step : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(step);
        }
        return value;
    }
}
