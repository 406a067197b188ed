package io.tocsin.routing.incident;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.contracts.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One alert of an incident: a dedup key of its service with its own trigger and resolve history. */
public record Alert(
        UUID id,
        UUID incidentId,
        String dedupKey,
        @Schema(description = "TRIGGERED until the monitor resolves it, or its incident is resolved") Status status,
        String summary,
        Severity severity,
        String source,
        @Schema(description = "what the monitor sent with the alert's first trigger") Map<String, Object> details,
        @Schema(description = "the original request body of the first trigger (size-capped)") String rawPayload,
        @Schema(description = "how often the monitor triggered it while it was open: repeats count here")
        int triggerCount,
        Instant createdAt,
        Instant lastTriggeredAt,
        Instant resolvedAt,
        String resolvedBy) {

    public enum Status {
        TRIGGERED, RESOLVED
    }
}
