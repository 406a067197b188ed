package io.tocsin.routing.escalation;

import java.time.Instant;
import java.util.UUID;

/** A future action on an incident, durable in the escalation_timer table; void once its incident's generation moved on. */
record EscalationTimer(long id, UUID incidentId, int generation, Action action, int levelPosition, int round, UUID userId,
        UUID contactMethodId, Instant dueAt) {

    enum Action {
        /** Page the policy's level {@code levelPosition} in round {@code round}. */
        ESCALATE,
        /** Page one contact method of one user, per a delayed notification rule. */
        NOTIFY,
        /** Trigger again an acknowledged incident that was not resolved in time. */
        ACK_TIMEOUT,
        /** Resolve an incident left open too long; valid whatever the generation. */
        AUTO_RESOLVE
    }
}
