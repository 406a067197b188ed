package io.tocsin.routing.incident;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Urgency;
import java.time.Instant;
import java.util.UUID;

/** An incident: one open problem of a service, deduplicated by its dedup key. */
public record Incident(
        UUID id,
        UUID serviceId,
        String dedupKey,
        IncidentStatus status,
        Urgency urgency,
        String summary,
        Severity severity,
        String source,
        int alertCount,
        boolean suppressed,
        Instant createdAt,
        Instant lastAlertAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant resolvedAt,
        String resolvedBy,
        int escalationLevel,
        @JsonIgnore int escalationGeneration) {
}
