package io.tocsin.routing.incident;

import io.tocsin.contracts.IncidentStatus;
import io.tocsin.routing.heartbeat.Heartbeats;
import io.tocsin.routing.timer.Timer;
import io.tocsin.routing.timer.TimerHandler;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The lifecycle's timers: an acknowledgement that timed out, an incident left open too long, the end of the maintenance
 * that suppressed one, a storm that may have calmed, alerts that
 * joined, a missed heartbeat.
 */
@Component
class IncidentTimers implements TimerHandler {

    /** Triggers again an acknowledged incident that was not resolved in time (void once its generation moved on). */
    static final String ACK_TIMEOUT = "ACK_TIMEOUT";
    /** Resolves an incident left open too long; valid whatever the generation. */
    static final String AUTO_RESOLVE = "AUTO_RESOLVE";
    /**
     * Pages for an incident suppressed by a maintenance window (or by a rule, and repeated during the window with no
     * rule suppressing it) once the window is over, if it is still triggered.
     */
    static final String MAINTENANCE_END = "MAINTENANCE_END";
    /** Announces once, a moment after the first of them, the alerts that joined an open incident. */
    static final String JOINS_ANNOUNCED = "JOINS_ANNOUNCED";
    /** Says on a storm incident's timeline that its storm calmed, once its window passed without a new alert. */
    static final String STORM_CALM = "STORM_CALM";

    private final IncidentLifecycle lifecycle;
    private final Incidents incidents;

    IncidentTimers(IncidentLifecycle lifecycle, Incidents incidents) {
        this.lifecycle = lifecycle;
        this.incidents = incidents;
    }

    @Override
    public Set<String> actions() {
        return Set.of(ACK_TIMEOUT, AUTO_RESOLVE, MAINTENANCE_END, STORM_CALM, JOINS_ANNOUNCED, Heartbeats.DEADLINE);
    }

    @Override
    public boolean fire(Timer timer, Instant now) {
        if (timer.action().equals(Heartbeats.DEADLINE)) {
            return lifecycle.heartbeatMissed(timer.integrationId(), now);
        }
        Optional<Incident> incident = incidents.lock(timer.incidentId());
        if (incident.isEmpty()) {
            return false;
        }
        if (timer.action().equals(MAINTENANCE_END)) {
            return lifecycle.maintenanceEnded(incident.get(), now);
        }
        if (timer.action().equals(JOINS_ANNOUNCED)) {
            return lifecycle.joinsAnnounced(incident.get(), now);
        }
        if (timer.action().equals(STORM_CALM)) {
            return lifecycle.stormMayHaveCalmed(incident.get(), now);
        }
        if (timer.action().equals(AUTO_RESOLVE)) {
            if (incident.get().status() == IncidentStatus.RESOLVED) {
                return false;
            }
            lifecycle.autoResolve(incident.get(), now);
            return true;
        }
        if (incident.get().escalationGeneration() != timer.generation()
                || incident.get().status() != IncidentStatus.ACKNOWLEDGED) {
            return false;
        }
        lifecycle.acknowledgementTimedOut(incident.get(), now);
        return true;
    }
}
