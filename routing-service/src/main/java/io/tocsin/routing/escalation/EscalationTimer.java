package io.tocsin.routing.escalation;

import java.time.Instant;
import java.util.UUID;

/** A future escalation action, durable in the escalation_timer table; void once its incident's generation moved on. */
record EscalationTimer(long id, UUID incidentId, int generation, Action action, int levelPosition, int round, UUID userId,
        UUID contactMethodId, Instant dueAt) {

    enum Action {
        /** Page the policy's level {@code levelPosition} in round {@code round}. */
        ESCALATE,
        /** Page one contact method of one user, per a delayed notification rule. */
        NOTIFY
    }
}
