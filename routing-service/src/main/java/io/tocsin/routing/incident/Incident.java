package io.tocsin.routing.incident;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Urgency;
import java.time.Instant;
import java.util.UUID;

/**
 * An incident: one open problem of a service, holding one or more alerts; {@code dedupKey} is its first alert's.
 */
public record Incident(
        UUID id,
        @Schema(description = "The incident's short number, \"#12\" to people and in SMS reply codes; "
                + "GET /api/v1/incidents/{number} finds it too") long number,
        UUID serviceId,
        String dedupKey,
        IncidentStatus status,
        Urgency urgency,
        String summary,
        Severity severity,
        String source,
        @Schema(description = "how many alerts the incident holds (GET /api/v1/incidents/{id}/alerts lists them)")
        int alertCount,
        boolean suppressed,
        Instant createdAt,
        Instant lastAlertAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant resolvedAt,
        String resolvedBy,
        @JsonIgnore int escalationLevel,
        @JsonIgnore int escalationRound,
        @JsonIgnore int escalationGeneration) {

    /** The escalation level last paged as people count it (1 for the first), as the timeline and policies say. */
    @JsonProperty("level")
    @Schema(description = "the escalation level last paged, 1 for the first")
    public int level() {
        return escalationLevel + 1;
    }

    /** As it is once {@code alerts} more alerts for it were counted, the last of them at {@code at}. */
    Incident repeated(int alerts, Instant at) {
        return new Incident(id, number, serviceId, dedupKey, status, urgency, summary, severity, source,
                alertCount + alerts, suppressed, createdAt, at, acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy,
                escalationLevel, escalationRound, escalationGeneration);
    }
}
