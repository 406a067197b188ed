package io.tocsin.routing.service;

import io.tocsin.contracts.IntegrationType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A way for one monitor to send alerts to one service; its key is never stored, only its hash. */
public record Integration(UUID id, UUID serviceId, IntegrationType type, String name, boolean enabled,
        Map<String, String> settings, Instant createdAt) {
}
