package io.tocsin.ingest.pingdom;

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
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Pingdom's state-change webhook: {@code current_state} DOWN (FAILING for transaction checks) triggers and UP
 * (SUCCESS) resolves the incident of {@code check_id}; {@code importance_level} LOW pages as a warning.
 */
@Component
class PingdomNormalizer extends Normalizer {

    PingdomNormalizer() {
        super(IntegrationType.PINGDOM, BodyFormat.JSON);
    }

    @Override
    public List<Alert> normalize(Payload payload, KnownIntegration integration, Instant receivedAt) {
        JsonNode change = payload.json();
        String checkId = JsonFields.text(change, "check_id").orElseThrow(() -> new InvalidPayload(
                "'check_id' is missing; expected Pingdom's state-change webhook"));
        String currentState = JsonFields.text(change, "current_state").orElseThrow(() -> new InvalidPayload(
                "'current_state' is missing"));
        Optional<MonitorAlerts.State> state = switch (currentState) {
            case "DOWN", "FAILING" -> Optional.of(MonitorAlerts.State.DOWN);
            case "UP", "SUCCESS" -> Optional.of(MonitorAlerts.State.UP);
            default -> Optional.empty();
        };
        if (state.isEmpty()) {
            return List.of();
        }
        String name = JsonFields.text(change, "check_name").orElse("Pingdom check " + checkId);
        Severity severity = "LOW".equals(JsonFields.text(change, "importance_level").orElse(""))
                ? Severity.WARNING : Severity.CRITICAL;
        return List.of(MonitorAlerts.of("pingdom", checkId, state.get(), name,
                JsonFields.text(change, "description").orElse(null), severity,
                JsonFields.text(JsonFields.object(change, "check_params"), "hostname").orElse(name),
                JsonFields.pick(change, "check_name", "check_type", "check_params", "tags", "previous_state",
                        "current_state", "importance_level", "description", "long_description", "custom_message",
                        "first_probe", "second_probe"),
                JsonFields.text(change, "state_changed_timestamp").flatMap(AlertValues::instant).orElse(receivedAt)));
    }
}
