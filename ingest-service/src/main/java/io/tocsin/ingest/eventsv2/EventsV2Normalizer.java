package io.tocsin.ingest.eventsv2;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.IntegrationType;
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
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Turns a PagerDuty Events API v2 event into an alert, applying PagerDuty's validation rules: {@code event_action}
 * trigger / acknowledge / resolve, {@code dedup_key} up to 255 characters (generated for a trigger without one),
 * and for triggers a {@code payload} with summary (up to 1024), source, severity and optional timestamp,
 * component, group, class and custom_details; {@code images}, {@code links}, {@code client} and
 * {@code client_url} are checked and kept in the details.
 */
@Component
class EventsV2Normalizer extends Normalizer {

    EventsV2Normalizer() {
        super(IntegrationType.EVENTS_V2, BodyFormat.JSON);
    }

    @Override
    public List<Alert> normalize(Payload payload, KnownIntegration integration, Instant receivedAt) {
        JsonNode event = payload.json();
        List<String> errors = new ArrayList<>();
        AlertAction action = AlertValues.action("event_action", JsonFields.text(event, "event_action").orElse(null),
                errors);
        String dedupKey = string(event, "dedup_key", "dedup_key", errors);
        if (dedupKey != null && dedupKey.length() > AlertValues.MAX_DEDUP_KEY) {
            errors.add("'dedup_key' must be at most " + AlertValues.MAX_DEDUP_KEY + " characters");
        }
        if (action != null && action != AlertAction.TRIGGER && isBlank(dedupKey)) {
            errors.add("'dedup_key' is required to " + action.name().toLowerCase(Locale.ROOT) + " an incident");
        }
        JsonNode payloadNode = event.path("payload");
        String summary = null;
        Severity severity = null;
        String source = null;
        Instant occurredAt = receivedAt;
        if (action == AlertAction.TRIGGER) {
            if (!payloadNode.isObject()) {
                errors.add("'payload' is missing or not an object");
            } else {
                summary = required(payloadNode, "summary", errors);
                if (summary != null && summary.length() > AlertValues.MAX_SUMMARY) {
                    errors.add("'payload.summary' must be at most " + AlertValues.MAX_SUMMARY + " characters");
                }
                source = required(payloadNode, "source", errors);
                severity = severity(payloadNode, errors);
                occurredAt = timestamp(payloadNode, receivedAt, errors);
            }
        }
        string(event, "client", "client", errors);
        string(event, "client_url", "client_url", errors);
        checkList(event, "images", "src", errors);
        checkList(event, "links", "href", errors);
        if (!errors.isEmpty()) {
            throw new InvalidPayload(errors);
        }
        if (isBlank(dedupKey)) {
            dedupKey = UUID.randomUUID().toString().replace("-", "");
        }
        return List.of(new Alert(action, dedupKey, summary, severity, source, details(event, payloadNode),
                occurredAt));
    }

    private static Severity severity(JsonNode payload, List<String> errors) {
        String severity = required(payload, "severity", errors);
        if (severity == null) {
            return null;
        }
        return switch (severity) {
            case "critical" -> Severity.CRITICAL;
            case "error" -> Severity.ERROR;
            case "warning" -> Severity.WARNING;
            case "info" -> Severity.INFO;
            default -> {
                errors.add("'payload.severity' must be critical, error, warning or info, not '" + severity + "'");
                yield null;
            }
        };
    }

    private static Instant timestamp(JsonNode payload, Instant fallback, List<String> errors) {
        String timestamp = string(payload, "timestamp", "payload.timestamp", errors);
        if (isBlank(timestamp)) {
            return fallback;
        }
        return AlertValues.instant(timestamp).filter(instant -> timestamp.contains("T")).orElseGet(() -> {
            errors.add("'payload.timestamp' must be an ISO 8601 date-time such as 2026-01-31T13:45:00Z");
            return fallback;
        });
    }

    /** PagerDuty's images need a src and links an href; each entry is an object. */
    private static void checkList(JsonNode event, String field, String requiredField, List<String> errors) {
        JsonNode list = event.get(field);
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            errors.add("'" + field + "' must be an array");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            if (!entry.isObject() || JsonFields.text(entry, requiredField).isEmpty()) {
                errors.add("'" + field + "[" + i + "]' must be an object with '" + requiredField + "'");
            }
        }
    }

    /** Everything besides the core fields, kept for the incident's detail view. */
    private static Map<String, Object> details(JsonNode event, JsonNode payload) {
        Map<String, Object> details = new LinkedHashMap<>(
                JsonFields.pick(payload, "component", "group", "class", "custom_details"));
        details.putAll(JsonFields.pick(event, "client", "client_url", "links", "images"));
        return details;
    }

    private static String required(JsonNode payload, String field, List<String> errors) {
        String value = string(payload, field, "payload." + field, errors);
        if (isBlank(value)) {
            errors.add("'payload." + field + "' is missing or blank");
            return null;
        }
        return value;
    }

    /** A field that must be a string when present. */
    private static String string(JsonNode node, String field, String name, List<String> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            errors.add("'" + name + "' must be a string");
            return null;
        }
        return value.stringValue();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
