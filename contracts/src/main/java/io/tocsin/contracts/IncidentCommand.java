package io.tocsin.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** A responder's answer to a page, turned into a command for routing: who did what, via which channel. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentCommand(
        UUID id,
        int schemaVersion,
        UUID incidentId,
        CommandType type,
        UUID userId,
        String actor,
        Channel via,
        Instant issuedAt) implements TocsinMessage {

    public static final int SCHEMA_VERSION = 1;

    /** What the responder asks. */
    public enum CommandType {
        ACKNOWLEDGE, RESOLVE, ESCALATE
    }
}
