package io.tocsin.ingest.uptimekuma;

import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.Severity;
import io.tocsin.ingest.intake.Alert;
import io.tocsin.ingest.intake.AlertValues;
import io.tocsin.ingest.intake.BodyFormat;
import io.tocsin.ingest.intake.InvalidPayload;
import io.tocsin.ingest.intake.JsonFields;
import io.tocsin.ingest.intake.MonitorAlerts;
import io.tocsin.ingest.intake.Normalizer;
import io.tocsin.ingest.intake.Payload;
import io.tocsin.ingest.integration.KnownIntegration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uptime Kuma's webhook notification, sent as JSON or as multipart form data with the JSON in a {@code data} field:
 * {@code heartbeat.status} 0 (down) triggers and 1 (up) resolves, keyed by the monitor's id. Notifications without
 * a heartbeat (the "test" button, certificate expiry notices) and pending or maintenance beats page nobody.
 */
@Component
class UptimeKumaNormalizer extends Normalizer {

    private final JsonMapper json;

    UptimeKumaNormalizer(JsonMapper json) {
        super(IntegrationType.UPTIME_KUMA, BodyFormat.JSON, BodyFormat.FORM);
        this.json = json;
    }

    @Override
    public List<Alert> normalize(Payload payload, KnownIntegration integration, Instant receivedAt) {
        JsonNode body = payload.json() != null ? payload.json() : formData(payload);
        JsonNode heartbeat = body.get("heartbeat");
        if (heartbeat == null || heartbeat.isNull()) {
            return List.of();
        }
        if (!heartbeat.isObject()) {
            throw new InvalidPayload("'heartbeat' must be an object");
        }
        JsonNode monitor = JsonFields.object(body, "monitor");
        String monitorId = JsonFields.text(monitor, "id").or(() -> JsonFields.text(heartbeat, "monitorID"))
                .orElseThrow(() -> new InvalidPayload("'monitor.id' and 'heartbeat.monitorID' are both missing"));
        Optional<MonitorAlerts.State> state = switch (JsonFields.text(heartbeat, "status").orElse("")) {
            case "0" -> Optional.of(MonitorAlerts.State.DOWN);
            case "1" -> Optional.of(MonitorAlerts.State.UP);
            case "2", "3" -> Optional.empty();
            default -> throw new InvalidPayload("'heartbeat.status' must be 0 (down), 1 (up), 2 (pending) or 3 "
                    + "(maintenance)");
        };
        if (state.isEmpty()) {
            return List.of();
        }
        String name = JsonFields.text(monitor, "name").orElse("Monitor " + monitorId);
        Map<String, Object> details = new LinkedHashMap<>(JsonFields.pick(heartbeat, "msg", "time", "ping",
                "duration", "important"));
        details.putAll(JsonFields.pick(monitor, "name", "type", "url", "hostname", "port", "description", "tags"));
        return List.of(MonitorAlerts.of("uptime-kuma", monitorId, state.get(), name,
                JsonFields.text(heartbeat, "msg").orElse(null), Severity.CRITICAL,
                JsonFields.text(monitor, "url").or(() -> JsonFields.text(monitor, "hostname")).orElse(name),
                details, JsonFields.text(heartbeat, "time").flatMap(AlertValues::instant).orElse(receivedAt)));
    }

    private JsonNode formData(Payload payload) {
        String data = payload.field("data").orElseThrow(() -> new InvalidPayload(
                "The form has no 'data' field; Uptime Kuma sends its JSON there"));
        try {
            JsonNode node = json.readTree(data);
            if (node.isObject()) {
                return node;
            }
        } catch (JacksonException e) {
            throw new InvalidPayload("The 'data' field is not valid JSON: " + e.getOriginalMessage());
        }
        throw new InvalidPayload("The 'data' field must hold a JSON object");
    }
}
