package io.tocsin.routing.escalation;

import java.time.Instant;
import java.util.UUID;

/**
 * A future action, durable in the timer table: on an incident (void once the incident's generation
 * moved on), or, for a heartbeat deadline, on an integration.
 */
public record EscalationTimer(long id, UUID incidentId, UUID integrationId, int generation, Action action,
        int levelPosition, int round, UUID userId, UUID contactMethodId, Instant dueAt) {

    /** What a timer does when it comes due. */
    public enum Action {
        /** Page the policy's level {@code levelPosition} in round {@code round}. */
        ESCALATE,
        /** Page one contact method of one user, per a delayed notification rule. */
        NOTIFY,
        /** Trigger again an acknowledged incident that was not resolved in time. */
        ACK_TIMEOUT,
        /** Resolve an incident left open too long; valid whatever the generation. */
        AUTO_RESOLVE,
        /** A heartbeat integration's ping is overdue. */
        HEARTBEAT_DEADLINE,
        /** Keys of an integration replaced by a rotation stop working. */
        KEY_EXPIRY,
        /** The maintenance window that suppressed an incident is over: page for it if it is still triggered. */
        MAINTENANCE_END
    }
}
