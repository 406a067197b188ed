package io.tocsin.ingest.alertmanager;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.SecretHash;
import io.tocsin.contracts.Severity;
import io.tocsin.ingest.intake.Alert;
import io.tocsin.ingest.intake.AlertValues;
import io.tocsin.ingest.intake.BodyFormat;
import io.tocsin.ingest.intake.InvalidPayload;
import io.tocsin.ingest.intake.JsonFields;
import io.tocsin.ingest.intake.Normalizer;
import io.tocsin.ingest.intake.Payload;
import io.tocsin.ingest.integration.KnownIntegration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Alertmanager-shaped webhooks ({@code status}, {@code groupKey}, {@code alerts[]} with {@code status},
 * {@code labels}, {@code annotations}, {@code startsAt}, {@code endsAt}, {@code fingerprint}), which Prometheus
 * Alertmanager and Grafana both send. By default each alert is its own event deduplicated by its fingerprint, so an
 * alert joining a group pages again and each resolves on its own; with the dedup setting {@code group}, the whole
 * group is one incident keyed by {@code groupKey} that resolves once every alert has.
 */
public abstract class AlertGroupNormalizer extends Normalizer {

    /** Alertmanager's zero time, which it sends as endsAt of alerts that have not ended. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private final String tool;
    private final String dedupSetting;
    private final String[] alertDetails;
    private final String[] groupDetails;

    /**
     * @param type the integration type this normalizer serves
     * @param tool names the sender in summaries and sources
     * @param dedupSetting the integration setting that picks {@code alert} or {@code group} dedup
     * @param alertDetails per-alert fields besides labels and annotations to keep in the details
     * @param groupDetails group fields to keep in the details
     */
    protected AlertGroupNormalizer(IntegrationType type, String tool, String dedupSetting, List<String> alertDetails,
            List<String> groupDetails) {
        super(type, BodyFormat.JSON);
        this.tool = tool;
        this.dedupSetting = dedupSetting;
        this.alertDetails = alertDetails.toArray(String[]::new);
        this.groupDetails = groupDetails.toArray(String[]::new);
    }

    @Override
    public List<Alert> normalize(Payload payload, KnownIntegration integration, Instant receivedAt) {
        JsonNode group = payload.json();
        JsonNode alerts = group.get("alerts");
        if (alerts == null || !alerts.isArray() || alerts.isEmpty()) {
            throw new InvalidPayload("'alerts' is missing or empty; expected the " + tool + " webhook format");
        }
        String dedup = integration.setting(dedupSetting).orElse("alert").toLowerCase(Locale.ROOT);
        return switch (dedup) {
            case "group" -> List.of(wholeGroup(group, alerts, receivedAt));
            case "alert" -> eachAlert(group, alerts, receivedAt);
            default -> throw new InvalidPayload("The integration setting " + dedupSetting + "='" + dedup
                    + "' is not one of alert, group; fix it in Tocsin");
        };
    }

    private List<Alert> eachAlert(JsonNode group, JsonNode alerts, Instant receivedAt) {
        List<String> errors = new ArrayList<>();
        List<Alert> result = new ArrayList<>();
        String groupStatus = JsonFields.text(group, "status").orElse(null);
        for (int i = 0; i < alerts.size(); i++) {
            JsonNode alert = alerts.get(i);
            String where = "'alerts[" + i + "]";
            if (!alert.isObject() || !alert.path("labels").isObject() || alert.path("labels").isEmpty()) {
                errors.add(where + ".labels' is missing or empty");
                continue;
            }
            Optional<AlertAction> action = action(JsonFields.text(alert, "status").orElse(groupStatus));
            if (action.isEmpty()) {
                errors.add(where + ".status' must be firing or resolved");
                continue;
            }
            Map<String, String> labels = JsonFields.strings(alert.get("labels"));
            Map<String, String> annotations = JsonFields.strings(alert.get("annotations"));
            String fingerprint = JsonFields.text(alert, "fingerprint").orElseGet(() -> fingerprint(labels));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("labels", labels);
            details.put("annotations", annotations);
            details.putAll(JsonFields.pick(alert, alertDetails));
            details.putAll(JsonFields.pick(group, groupDetails));
            result.add(new Alert(action.get(), AlertValues.dedupKey(fingerprint),
                    AlertValues.summary(summary(annotations, labels, fingerprint)),
                    severity(labels), source(labels), details, occurredAt(alert, action.get(), receivedAt)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidPayload(errors);
        }
        return result;
    }

    private Alert wholeGroup(JsonNode group, JsonNode alerts, Instant receivedAt) {
        String groupKey = JsonFields.text(group, "groupKey").orElseThrow(() -> new InvalidPayload(
                "'groupKey' is missing, and this integration deduplicates per group"));
        AlertAction action = action(JsonFields.text(group, "status").orElse(null)).orElseThrow(() ->
                new InvalidPayload("'status' must be firing or resolved"));
        Map<String, String> commonLabels = JsonFields.strings(group.get("commonLabels"));
        Map<String, String> commonAnnotations = JsonFields.strings(group.get("commonAnnotations"));
        Map<String, String> groupLabels = JsonFields.strings(group.get("groupLabels"));
        long firing = alerts.valueStream().filter(alert -> "firing".equals(alert.path("status").asString())).count();
        String summary = Optional.ofNullable(commonAnnotations.get("summary"))
                .or(() -> JsonFields.text(group, "title"))
                .orElseGet(() -> "[" + action.name().replace("TRIGGER", "FIRING:" + firing) + "] "
                        + (groupLabels.isEmpty() ? tool + " alert group" : String.join(" ", groupLabels.values())));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("groupLabels", groupLabels);
        details.put("commonLabels", commonLabels);
        details.put("commonAnnotations", commonAnnotations);
        details.put("alerts", alerts.size());
        details.put("firing", firing);
        details.putAll(JsonFields.pick(group, groupDetails));
        return new Alert(action, AlertValues.dedupKey("group", groupKey), AlertValues.summary(summary),
                severity(commonLabels), source(commonLabels), details, receivedAt);
    }

    private static Optional<AlertAction> action(String status) {
        if ("firing".equals(status)) {
            return Optional.of(AlertAction.TRIGGER);
        }
        return "resolved".equals(status) ? Optional.of(AlertAction.RESOLVE) : Optional.empty();
    }

    private static String summary(Map<String, String> annotations, Map<String, String> labels, String fingerprint) {
        for (String annotation : List.of("summary", "description", "message")) {
            if (annotations.containsKey(annotation) && !annotations.get(annotation).isBlank()) {
                return annotations.get(annotation);
            }
        }
        String name = labels.getOrDefault("alertname", "alert " + fingerprint);
        return labels.containsKey("instance") ? name + " on " + labels.get("instance") : name;
    }

    private static Severity severity(Map<String, String> labels) {
        return AlertValues.severity(labels.get("severity")).orElse(Severity.ERROR);
    }

    private String source(Map<String, String> labels) {
        return Optional.ofNullable(labels.get("instance")).or(() -> Optional.ofNullable(labels.get("job")))
                .orElse(tool);
    }

    private static Instant occurredAt(JsonNode alert, AlertAction action, Instant receivedAt) {
        String field = action == AlertAction.RESOLVE ? "endsAt" : "startsAt";
        return JsonFields.text(alert, field).flatMap(AlertValues::instant)
                .filter(instant -> instant.isAfter(GO_ZERO_TIME)).orElse(receivedAt);
    }

    /** Alertmanager's own fingerprint is a hash of the label set; older senders omit it, so make one the same way. */
    private static String fingerprint(Map<String, String> labels) {
        String canonical = new TreeMap<>(labels).entrySet().stream()
                .map(label -> label.getKey() + "=" + label.getValue()).collect(Collectors.joining("\n"));
        return SecretHash.of(canonical).substring(0, 16);
    }
}
