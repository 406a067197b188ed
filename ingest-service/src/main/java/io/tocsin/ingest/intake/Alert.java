package io.tocsin.ingest.intake;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.Severity;
import java.time.Instant;
import java.util.Map;

/**
 * What a normalizer makes of a monitor's event, before ingest stamps it with ids, the integration and the raw
 * payload into an {@link io.tocsin.contracts.AlertEvent}. Summary, severity and source matter for triggers only.
 */
public record Alert(AlertAction action, String dedupKey, String summary, Severity severity, String source,
        Map<String, Object> details, Instant occurredAt) {

    public Alert {
        details = details == null ? Map.of() : details;
    }
}
