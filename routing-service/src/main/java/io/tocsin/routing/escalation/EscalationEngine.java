package io.tocsin.routing.escalation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.routing.Worker;
import io.tocsin.routing.incident.Incident;
import io.tocsin.routing.incident.IncidentLifecycle;
import io.tocsin.routing.incident.Incidents;
import io.tocsin.routing.service.Integrations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires due timers: escalation steps, acknowledgement timeouts, auto-resolves, heartbeat deadlines, key expiries. Any number of routing instances run one: each claims due rows with
 * FOR UPDATE SKIP LOCKED and deletes them in the transaction that writes what they cause, so a
 * timer fires once, and a crash before commit leaves it to fire after restart. It sleeps until the
 * next due time or until a new timer is committed, at most {@link #MAX_IDLE}, so that a moved clock
 * or another instance's timers are noticed.
 */
@Component
class EscalationEngine extends Worker {

    static final Duration MAX_IDLE = Duration.ofSeconds(1);
    private static final Duration MIN_IDLE = Duration.ofMillis(20);
    private static final Duration RETRY_FAILED = Duration.ofMinutes(1);
    private static final Comparator<EscalationTimer> LOCK_ORDER = Comparator
            .comparing((EscalationTimer timer) -> timer.incidentId() == null)
            .thenComparing(EscalationTimer::incidentId, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(EscalationTimer::integrationId, Comparator.nullsLast(Comparator.naturalOrder()));
    private static final Logger log = LoggerFactory.getLogger(EscalationEngine.class);
    private static final int BATCH = 100;

    private final Timers timers;
    private final Incidents incidents;
    private final Escalator escalator;
    private final IncidentLifecycle lifecycle;
    private final Integrations integrations;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Timer lateness;
    private final Counter failures;

    EscalationEngine(Timers timers, Incidents incidents, Escalator escalator, IncidentLifecycle lifecycle,
            Integrations integrations, TransactionTemplate tx, Clock clock, MeterRegistry meters) {
        super("escalation-engine");
        this.timers = timers;
        this.incidents = incidents;
        this.escalator = escalator;
        this.lifecycle = lifecycle;
        this.integrations = integrations;
        this.tx = tx;
        this.clock = clock;
        this.lateness = Timer.builder("tocsin.escalation.timer.lateness")
                .description("How long after its due time a timer fired")
                .register(meters);
        this.failures = Counter.builder("tocsin.escalation.timer.failures")
                .description("Timers that failed to fire and were put back to retry")
                .register(meters);
    }

    @Override
    protected void round() throws InterruptedException {
        if (fireDue() < BATCH) {
            timers.awaitScheduled(idle().toMillis());
        }
    }

    /** Fires what is due now; returns how many timers it claimed. */
    int fireDue() {
        try {
            return fire(now -> timers.claimDue(now, BATCH));
        } catch (TransientDataAccessException | DataAccessResourceFailureException | CannotCreateTransactionException busy) {
            // a lock conflict or the database away: nothing wrong with the timers, the next round retries them
            throw busy;
        } catch (RuntimeException batchFailed) {
            // one timer that cannot be fired must not hold back every other page: go one by one
            log.warn("firing a batch of due timers failed, firing them one by one: {}", batchFailed.toString());
            int claimed = 0;
            for (long id : timers.dueIds(clock.instant(), BATCH)) {
                try {
                    claimed += fire(now -> timers.claim(id));
                } catch (TransientDataAccessException | DataAccessResourceFailureException | CannotCreateTransactionException busy) {
                    throw busy;
                } catch (RuntimeException e) {
                    failures.increment();
                    log.error("timer={} could not be fired, retrying it in {}: {}", id, RETRY_FAILED, e.toString(), e);
                    tx.executeWithoutResult(status -> timers.postpone(id, clock.instant().plus(RETRY_FAILED)));
                    claimed++;
                }
            }
            return claimed;
        }
    }

    private int fire(Function<Instant, List<EscalationTimer>> claim) {
        Integer fired = tx.execute(status -> {
            Instant now = clock.instant();
            List<EscalationTimer> due = claim.apply(now);
            // incidents locked in one order by every instance, heartbeats' integrations last: no lock cycles
            List<EscalationTimer> inLockOrder = due.stream().sorted(LOCK_ORDER).toList();
            for (EscalationTimer timer : inLockOrder) {
                boolean acted = switch (timer.action()) {
                    case HEARTBEAT_DEADLINE -> lifecycle.heartbeatMissed(timer.integrationId(), now);
                    case KEY_EXPIRY -> integrations.expireRetiredKeys(timer.integrationId(), now) > 0;
                    default -> incidents.lock(timer.incidentId()).map(incident -> fire(timer, incident, now))
                            .orElse(false);
                };
                if (acted) {
                    lateness.record(Duration.between(timer.dueAt(), now));
                }
            }
            timers.delete(due);
            return due.size();
        });
        return fired == null ? 0 : fired;
    }

    /** Acts on the timer if it still applies to the incident as it is now; false if it was void. */
    private boolean fire(EscalationTimer timer, Incident incident, Instant now) {
        boolean current = incident.escalationGeneration() == timer.generation();
        switch (timer.action()) {
            case ESCALATE, NOTIFY -> {
                if (!current || incident.status() != IncidentStatus.TRIGGERED) {
                    return false;
                }
                escalator.fire(timer, incident, now);
            }
            case ACK_TIMEOUT -> {
                if (!current || incident.status() != IncidentStatus.ACKNOWLEDGED) {
                    return false;
                }
                lifecycle.acknowledgementTimedOut(incident, now);
            }
            case AUTO_RESOLVE -> {
                if (incident.status() == IncidentStatus.RESOLVED) {
                    return false;
                }
                lifecycle.autoResolve(incident, now);
            }
            case MAINTENANCE_END -> {
                return lifecycle.maintenanceEnded(incident, now);
            }
            case HEARTBEAT_DEADLINE, KEY_EXPIRY -> throw new IllegalArgumentException(timer.action()
                    + " acts on an integration, not an incident");
        }
        return true;
    }

    private Duration idle() {
        Optional<Instant> next = timers.nextDue();
        if (next.isEmpty()) {
            return MAX_IDLE;
        }
        Duration untilDue = Duration.between(clock.instant(), next.get());
        if (untilDue.compareTo(MIN_IDLE) < 0) {
            // due but claimed by another instance: give it a moment instead of spinning
            return MIN_IDLE;
        }
        return untilDue.compareTo(MAX_IDLE) < 0 ? untilDue : MAX_IDLE;
    }
}
