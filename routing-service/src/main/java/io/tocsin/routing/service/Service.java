package io.tocsin.routing.service;

import io.tocsin.contracts.Urgency;
import java.util.UUID;

/** Something monitored: its alerts become incidents that page through its escalation policy. */
public record Service(UUID id, String name, UUID escalationPolicyId, Urgency urgency) {
}
