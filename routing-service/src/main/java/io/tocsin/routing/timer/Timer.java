package io.tocsin.routing.timer;

import java.time.Instant;
import java.util.UUID;

/**
 * A future action, durable in the timer table: on an incident, or on an integration. {@code action} names the
 * {@link TimerHandler} that fires it; {@code generation} lets that handler tell a timer its incident has moved past;
 * the escalation step ({@code levelPosition}, {@code round}) and the contact method are only read by the handler
 * that set them.
 */
public record Timer(long id, UUID incidentId, UUID integrationId, int generation, String action, int levelPosition,
        int round, UUID userId, UUID contactMethodId, Instant dueAt) {

    /** A timer on an incident's generation, to be given to {@link Timers#schedule}. */
    public static Timer onIncident(String action, UUID incidentId, int generation, Instant dueAt) {
        return new Timer(0, incidentId, null, generation, action, 0, 0, null, null, dueAt);
    }

    /** A timer on an integration, to be given to {@link Timers#schedule} or {@link Timers#replace}. */
    public static Timer onIntegration(String action, UUID integrationId, Instant dueAt) {
        return new Timer(0, null, integrationId, 0, action, 0, 0, null, null, dueAt);
    }

    /** This timer for one step of an escalation, and the user and contact method it pages, if any. */
    public Timer atStep(int levelPosition, int round, UUID userId, UUID contactMethodId) {
        return new Timer(id, incidentId, integrationId, generation, action, levelPosition, round, userId,
                contactMethodId, dueAt);
    }
}
