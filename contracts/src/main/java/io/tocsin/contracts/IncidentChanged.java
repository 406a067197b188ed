package io.tocsin.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** An incident changed state; {@code actor} and {@code via} say who caused it and how; {@code incidentNumber} is its "#12". */
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
        Long incidentNumber) implements TocsinMessage {

    public static final int SCHEMA_VERSION = 2;
}
