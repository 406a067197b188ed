package io.tocsin.routing.service;

import io.tocsin.contracts.Urgency;
import java.time.Duration;
import java.util.UUID;

/**
 * Something monitored: its alerts become incidents that page through its escalation policy.
 * {@code ackTimeout} re-triggers an acknowledged incident left unresolved; {@code autoResolveTimeout}
 * resolves an incident left open. Either may be null (off). {@code teamId} is the owning team, if any.
 * {@code alertGrouping} says which alerts share an incident, {@code resolveWhen} when an incident of several alerts
 * resolves, {@code stormGuard} (null: off) when alerts join one storm incident.
 */
public record Service(UUID id, String name, UUID escalationPolicyId, Urgency urgency, Duration ackTimeout,
        Duration autoResolveTimeout, UUID teamId, AlertGrouping alertGrouping, ResolveWhen resolveWhen,
        StormGuard stormGuard) {

    /** When an incident resolves on its own: once all its alerts resolved, or once the first one did. */
    public enum ResolveWhen {
        ALL_ALERTS, FIRST_RESOLVE
    }
}
