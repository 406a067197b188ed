package io.tocsin.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The state of one integration as ingest should know it, keyed by {@code keyHash} on the compacted
 * integrations topic. The plain integration key never leaves the request that carries it.
 * {@code settings} holds the type's options (e.g. Alertmanager grouping, a rate limit), by name.
 * {@code keyExpiredAt} is set on a key that a rotation replaced, once it stopped working: ingest then says so
 * instead of calling the integration disabled. Added in schema version 1 without a bump: older readers ignore it.
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
        Instant at,
        Instant keyExpiredAt) implements TocsinMessage {

    public static final int SCHEMA_VERSION = 1;

    public IntegrationUpdated {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** The state of an integration's current key, or of a rotated one still valid. */
    public IntegrationUpdated(UUID id, int schemaVersion, String keyHash, UUID integrationId, UUID serviceId,
            String type, boolean enabled, Map<String, String> settings, Instant at) {
        this(id, schemaVersion, keyHash, integrationId, serviceId, type, enabled, settings, at, null);
    }
}
