package io.tocsin.routing.service;

import io.tocsin.contracts.Urgency;
import java.time.Duration;
import java.util.UUID;

/**
 * Something monitored: its alerts become incidents that page through its escalation policy.
 * {@code ackTimeout} re-triggers an acknowledged incident left unresolved; {@code autoResolveTimeout}
 * resolves an incident left open. Either may be null (off). {@code teamId} is the owning team, if any.
 */
public record Service(UUID id, String name, UUID escalationPolicyId, Urgency urgency, Duration ackTimeout,
        Duration autoResolveTimeout, UUID teamId) {
}
