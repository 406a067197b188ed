package io.tocsin.ingest.eventsv1;

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
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Turns a PagerDuty Events API v1 event ({@code service_key}, {@code event_type} trigger / acknowledge / resolve,
 * {@code incident_key}, {@code description}, {@code details}, {@code client}, {@code client_url}) into an alert.
 * v1 has no severity: triggers page as critical, as PagerDuty treats them.
 */
@Component
class EventsV1Normalizer extends Normalizer {

    EventsV1Normalizer() {
        super(IntegrationType.EVENTS_V1, BodyFormat.JSON);
    }

    @Override
    public List<Alert> normalize(Payload payload, KnownIntegration integration, Instant receivedAt) {
        JsonNode event = payload.json();
        List<String> errors = new ArrayList<>();
        AlertAction action = AlertValues.action("event_type", JsonFields.text(event, "event_type").orElse(null),
                errors);
        String incidentKey = JsonFields.text(event, "incident_key").orElse(null);
        if (incidentKey != null && incidentKey.length() > AlertValues.MAX_DEDUP_KEY) {
            errors.add("'incident_key' must be at most " + AlertValues.MAX_DEDUP_KEY + " characters");
        }
        if (action != null && action != AlertAction.TRIGGER && incidentKey == null) {
            errors.add("'incident_key' is required to acknowledge or resolve an incident");
        }
        String description = JsonFields.text(event, "description").orElse(null);
        if (action == AlertAction.TRIGGER && description == null) {
            errors.add("'description' is required for a trigger");
        }
        if (!errors.isEmpty()) {
            throw new InvalidPayload(errors);
        }
        return List.of(new Alert(action,
                incidentKey != null ? incidentKey : UUID.randomUUID().toString().replace("-", ""),
                description == null ? null : AlertValues.summary(description),
                action == AlertAction.TRIGGER ? Severity.CRITICAL : null,
                JsonFields.text(event, "client").orElse(null),
                JsonFields.pick(event, "details", "client", "client_url", "contexts"),
                receivedAt));
    }
}
