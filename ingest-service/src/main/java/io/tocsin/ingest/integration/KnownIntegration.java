package io.tocsin.ingest.integration;

import io.tocsin.contracts.IntegrationSettings;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What ingest knows of an integration: the service its events belong to, its type, settings and whether it is on;
 * for a key a rotation replaced, when it stopped working.
 */
public record KnownIntegration(UUID integrationId, UUID serviceId, String type, boolean enabled,
        Map<String, String> settings, Instant keyExpiredAt) {

    public KnownIntegration {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** The value of one of the type's settings (see {@link IntegrationSettings}), if it is set and not blank. */
    public Optional<String> setting(String name) {
        return Optional.ofNullable(settings.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }
}
