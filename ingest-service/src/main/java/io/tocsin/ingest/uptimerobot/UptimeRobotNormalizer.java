package io.tocsin.ingest.uptimerobot;

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

/**
 * UptimeRobot's webhook alert contact, as query parameters, form fields or a JSON body with its variables
 * {@code monitorID}, {@code monitorURL}, {@code monitorFriendlyName}, {@code alertType} (1 down, 2 up, 3 SSL
 * expiry), {@code alertTypeFriendlyName}, {@code alertDetails}, {@code alertDuration} and {@code alertDateTime}
 * (Unix seconds). Down triggers, up resolves, keyed by monitorID; SSL expiry notices page nobody.
 */
@Component
class UptimeRobotNormalizer extends Normalizer {

    private static final List<String> FIELDS = List.of("monitorID", "monitorURL", "monitorFriendlyName", "alertType",
            "alertTypeFriendlyName", "alertDetails", "alertDuration", "alertDateTime", "sslExpiryDate",
            "sslExpiryDaysLeft");

    UptimeRobotNormalizer() {
        super(IntegrationType.UPTIMEROBOT, BodyFormat.JSON, BodyFormat.FORM, BodyFormat.QUERY);
    }

    @Override
    public List<Alert> normalize(Payload payload, KnownIntegration integration, Instant receivedAt) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : FIELDS) {
            JsonFields.text(payload.json(), name).or(() -> payload.field(name)).ifPresent(value -> {
                if (value.length() > 2 && value.startsWith("*") && value.endsWith("*")) {
                    throw new InvalidPayload("'" + name + "' is the unfilled template " + value
                            + "; UptimeRobot fills these in only in real alerts");
                }
                fields.put(name, value);
            });
        }
        String monitorId = Optional.ofNullable(fields.get("monitorID")).orElseThrow(() -> new InvalidPayload(
                "'monitorID' is missing; add *monitorID* and *alertType* to the webhook's parameters"));
        Optional<MonitorAlerts.State> state = switch (fields.getOrDefault("alertType", "")) {
            case "1" -> Optional.of(MonitorAlerts.State.DOWN);
            case "2" -> Optional.of(MonitorAlerts.State.UP);
            case "3" -> Optional.empty();
            default -> throw new InvalidPayload("'alertType' must be 1 (down), 2 (up) or 3 (SSL expiry)");
        };
        if (state.isEmpty()) {
            return List.of();
        }
        String name = fields.getOrDefault("monitorFriendlyName", "Monitor " + monitorId);
        return List.of(MonitorAlerts.of("uptimerobot", monitorId, state.get(), name, fields.get("alertDetails"),
                Severity.CRITICAL, fields.getOrDefault("monitorURL", name), Map.copyOf(fields),
                Optional.ofNullable(fields.get("alertDateTime")).flatMap(AlertValues::instant).orElse(receivedAt)));
    }
}
