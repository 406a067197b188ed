package io.tocsin.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The state of one integration as ingest should know it, keyed by {@code keyHash} on the compacted
 * integrations topic. The plain integration key never leaves the request that carries it.
 * {@code settings} holds the type's options (e.g. Alertmanager grouping, a rate limit), by name.
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
        Map<String, String> settings,
        Instant at) implements TocsinMessage {

    public static final int SCHEMA_VERSION = 1;

    public IntegrationUpdated {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }
}
