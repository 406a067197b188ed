package io.tocsin.routing.service;

import io.tocsin.contracts.IntegrationType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A way for one monitor to send alerts to one service; its key is never stored, only its hash.
 * {@code oldKeysValidUntil}: until when each key a rotation replaced keeps working, soonest first.
 */
public record Integration(UUID id, UUID serviceId, IntegrationType type, String name, boolean enabled,
        Map<String, String> settings, Instant createdAt, List<Instant> oldKeysValidUntil) {
}
