package io.tocsin.ingest.integration;

import java.util.Map;
import java.util.UUID;

/** What ingest knows of an integration: the service its events belong to, its type, settings and whether it is on. */
public record KnownIntegration(UUID integrationId, UUID serviceId, String type, boolean enabled,
        Map<String, String> settings) {
}
