package io.tocsin.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * An incident changed state; {@code actor} and {@code via} say who caused it and how; {@code incidentNumber} is its
 * "#12". {@code alertCount}: how many alerts the incident holds (schema 3; null from older producers). Alerts joining
 * an open incident are announced once per batch, with its state unchanged and no actor or via.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentChanged(
        UUID id,
        int schemaVersion,
        UUID incidentId,
        UUID serviceId,
        String dedupKey,
        IncidentStatus status,
        String summary,
        String actor,
        String via,
        Instant at,
        Long incidentNumber,
        Integer alertCount) implements TocsinMessage {

    public static final int SCHEMA_VERSION = 3;

    /** A change that does not say how many alerts the incident holds, as schema 2 producers sent. */
    public IncidentChanged(UUID id, int schemaVersion, UUID incidentId, UUID serviceId, String dedupKey,
            IncidentStatus status, String summary, String actor, String via, Instant at, Long incidentNumber) {
        this(id, schemaVersion, incidentId, serviceId, dedupKey, status, summary, actor, via, at, incidentNumber, null);
    }
}
