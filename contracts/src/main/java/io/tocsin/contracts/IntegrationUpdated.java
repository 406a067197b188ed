package io.tocsin.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * The state of one integration as ingest should know it, keyed by {@code keyHash} on the compacted
 * integrations topic. The plain integration key never leaves the request that carries it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IntegrationUpdated(
        UUID id,
        int schemaVersion,
        String keyHash,
        UUID integrationId,
        UUID serviceId,
        String type,
        boolean enabled,
        Instant at) implements TocsinMessage {

    public static final int SCHEMA_VERSION = 1;
}
