package io.tocsin.ingest.heartbeat;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.intake.Alert;
import io.tocsin.ingest.intake.AlertValues;
import io.tocsin.ingest.intake.BodyFormat;
import io.tocsin.ingest.intake.Normalizer;
import io.tocsin.ingest.intake.Payload;
import io.tocsin.ingest.integration.KnownIntegration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A heartbeat ping ({@code GET} or {@code POST /heartbeat/{key}}, any body): one HEARTBEAT event keyed by the
 * integration, from which routing raises an incident when pings stop and resolves it on the next one. An optional
 * {@code msg} query parameter or form field is kept as the summary.
 */
@Component
class HeartbeatNormalizer extends Normalizer {

    HeartbeatNormalizer() {
        super(IntegrationType.HEARTBEAT, BodyFormat.ANY);
    }

    @Override
    public List<Alert> normalize(Payload payload, KnownIntegration integration, Instant receivedAt) {
        return List.of(new Alert(AlertAction.HEARTBEAT,
                AlertValues.dedupKey("heartbeat", integration.integrationId().toString()),
                payload.field("msg").map(AlertValues::summary).orElse(null), null, null, Map.of(), receivedAt));
    }
}
