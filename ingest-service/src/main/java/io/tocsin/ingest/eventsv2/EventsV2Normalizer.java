package io.tocsin.ingest.eventsv2;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.Severity;
import io.tocsin.ingest.integration.KnownIntegration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns a PagerDuty Events API v2 event into an {@link AlertEvent}, applying PagerDuty's validation rules. */
class EventsV2Normalizer {

    static final int MAX_DEDUP_KEY = 255;
    static final int MAX_SUMMARY = 1024;
    static final int MAX_RAW_PAYLOAD = 64 * 1024;

    private final JsonMapper json;

    EventsV2Normalizer(JsonMapper json) {
        this.json = json;
    }

    AlertEvent normalize(JsonNode event, String rawBody, KnownIntegration integration, Instant receivedAt) {
        List<String> errors = new ArrayList<>();
        AlertAction action = action(event, errors);
        String dedupKey = text(event, "dedup_key");
        if (dedupKey != null && dedupKey.length() > MAX_DEDUP_KEY) {
            errors.add("'dedup_key' must be at most " + MAX_DEDUP_KEY + " characters");
        }
        if (action != null && action != AlertAction.TRIGGER && isBlank(dedupKey)) {
            errors.add("'dedup_key' is required to " + action.name().toLowerCase(Locale.ROOT) + " an incident");
        }
        JsonNode payload = event.path("payload");
        String summary = null;
        Severity severity = null;
        String source = null;
        Instant occurredAt = receivedAt;
        if (action == AlertAction.TRIGGER) {
            if (!payload.isObject()) {
                errors.add("'payload' is missing or not an object");
            } else {
                summary = required(payload, "summary", errors);
                if (summary != null && summary.length() > MAX_SUMMARY) {
                    errors.add("'payload.summary' must be at most " + MAX_SUMMARY + " characters");
                }
                source = required(payload, "source", errors);
                severity = severity(payload, errors);
                occurredAt = timestamp(payload, receivedAt, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidEvent(errors);
        }
        if (isBlank(dedupKey)) {
            dedupKey = UUID.randomUUID().toString().replace("-", "");
        }
        return new AlertEvent(UUID.randomUUID(), AlertEvent.SCHEMA_VERSION, action, integration.serviceId(),
                integration.integrationId(), integration.type(), dedupKey, summary, severity, source,
                details(event, payload), capped(rawBody), occurredAt, receivedAt);
    }

    private static AlertAction action(JsonNode event, List<String> errors) {
        String action = text(event, "event_action");
        if (isBlank(action)) {
            errors.add("'event_action' is missing; use trigger, acknowledge or resolve");
            return null;
        }
        return switch (action) {
            case "trigger" -> AlertAction.TRIGGER;
            case "acknowledge" -> AlertAction.ACKNOWLEDGE;
            case "resolve" -> AlertAction.RESOLVE;
            default -> {
                errors.add("'event_action' must be trigger, acknowledge or resolve, not '" + action + "'");
                yield null;
            }
        };
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
        String timestamp = text(payload, "timestamp");
        if (isBlank(timestamp)) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            errors.add("'payload.timestamp' must be an ISO 8601 date-time such as 2026-01-31T13:45:00Z");
            return fallback;
        }
    }

    /** Everything besides the core fields, kept for the incident's detail view. */
    private Map<String, Object> details(JsonNode event, JsonNode payload) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (String field : List.of("component", "group", "class", "custom_details")) {
            copy(payload, field, details);
        }
        for (String field : List.of("client", "client_url", "links", "images")) {
            copy(event, field, details);
        }
        return details;
    }

    private void copy(JsonNode from, String field, Map<String, Object> to) {
        JsonNode value = from.path(field);
        if (!value.isMissingNode() && !value.isNull()) {
            to.put(field, json.treeToValue(value, Object.class));
        }
    }

    private static String required(JsonNode node, String field, List<String> errors) {
        String value = text(node, field);
        if (isBlank(value)) {
            errors.add("'payload." + field + "' is missing or blank");
            return null;
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String capped(String raw) {
        return raw.length() <= MAX_RAW_PAYLOAD ? raw : raw.substring(0, MAX_RAW_PAYLOAD);
    }
}
