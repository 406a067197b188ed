package io.tocsin.routing.escalation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.policy.EscalationPolicy.Level;
import io.tocsin.routing.policy.EscalationPolicy.Target;
import io.tocsin.routing.incident.EscalationRequested;
import io.tocsin.routing.incident.Incident;
import io.tocsin.routing.incident.IncidentTriggered;
import io.tocsin.routing.incident.IncidentLog;
import io.tocsin.routing.incident.Incidents;
import io.tocsin.routing.incident.PagingReads;
import io.tocsin.routing.policy.EscalationPolicy;
import io.tocsin.routing.schedule.Schedule;
import io.tocsin.routing.schedule.Schedules;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.timer.Timer;
import io.tocsin.routing.timer.TimerHandler;
import io.tocsin.routing.timer.Timers;
import io.tocsin.routing.user.NotificationRule;
import io.tocsin.routing.user.User;
import io.tocsin.routing.user.Users;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Works an incident through its service's escalation policy: pages a level's targets through their
 * notification rules and schedules the next level. Everything still to happen is a durable timer, which it fires
 * itself when due. It hears of incidents through their lifecycle's events; the lifecycle does not know it.
 */
@Component
class Escalator implements TimerHandler {

    /** The timer that pages a level of the policy. */
    static final String ESCALATE = "ESCALATE";
    /** The timer that pages one contact method of one user, per a delayed notification rule. */
    static final String NOTIFY = "NOTIFY";

    private static final Logger log = LoggerFactory.getLogger(Escalator.class);

    private final PagingReads reads;
    private final Timers timers;
    private final Users users;
    private final Incidents incidents;
    private final IncidentLog incidentLog;
    private final Pager pager;
    private final Schedules schedules;
    private final Counter nobodyPaged;

    Escalator(PagingReads reads, Timers timers, Users users, Incidents incidents, IncidentLog incidentLog, Pager pager,
            Schedules schedules, MeterRegistry meters) {
        this.reads = reads;
        this.timers = timers;
        this.users = users;
        this.incidents = incidents;
        this.incidentLog = incidentLog;
        this.pager = pager;
        this.schedules = schedules;
        this.nobodyPaged = Counter.builder("tocsin.escalation.nobody.paged")
                .description("Escalation steps that found no one to page")
                .register(meters);
    }

    /** Pages the first level of a newly triggered (or re-triggered) incident. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void start(IncidentTriggered triggered) {
        Incident incident = triggered.incident();
        policyOf(triggered.service(), incident, triggered.at())
                .ifPresent(policy -> escalate(incident, triggered.service(), policy, 0, 0, triggered.at()));
    }

    /** Pages the level after the incident's current one now (the last level again if it is there already). */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void escalateNext(EscalationRequested requested) {
        Incident incident = requested.incident();
        Instant now = requested.at();
        Service service = reads.service(incident.serviceId()).orElseThrow();
        policyOf(service, incident, now).ifPresent(policy -> escalate(incident, service, policy,
                nextPosition(incident, policy), 0, now));
    }

    private static int nextPosition(Incident incident, EscalationPolicy policy) {
        return Math.max(0, Math.min(incident.escalationLevel() + 1, policy.levels().size() - 1));
    }

    @Override
    public Set<String> actions() {
        return Set.of(ESCALATE, NOTIFY);
    }

    /** Pages the timer's step if its incident is still triggered in the timer's generation. */
    @Override
    public boolean fire(Timer timer, Instant now) {
        Optional<Incident> locked = incidents.lock(timer.incidentId());
        if (locked.isEmpty() || locked.get().escalationGeneration() != timer.generation()
                || locked.get().status() != IncidentStatus.TRIGGERED) {
            return false;
        }
        Incident incident = locked.get();
        Service service = reads.service(incident.serviceId()).orElseThrow();
        if (timer.action().equals(ESCALATE)) {
            policyOf(service, incident, now).ifPresent(policy ->
                    escalate(incident, service, policy, timer.levelPosition(), timer.round(), now));
            return true;
        }
        Optional<User> user = reads.user(timer.userId());
        var method = users.contactMethod(timer.contactMethodId());
        if (user.isEmpty() || method.isEmpty()) {
            incidentLog.append(incident.id(), now, "NOTIFICATION_SKIPPED", null,
                    "a contact method was removed before its notification rule fired");
            return true;
        }
        if (!method.get().verified()) {
            incidentLog.append(incident.id(), now, "NOTIFICATION_SKIPPED", null, user.get().name() + "'s "
                    + method.get().channel() + " contact method is not verified (its address changed): not paged there");
            return true;
        }
        pager.page(incident, service, user.get(), method.get(),
                new Step(timer.generation(), timer.levelPosition(), timer.round()), now);
        return true;
    }

    private Optional<EscalationPolicy> policyOf(Service service, Incident incident, Instant now) {
        Optional<EscalationPolicy> policy = Optional.ofNullable(service.escalationPolicyId()).flatMap(reads::policy);
        if (policy.isEmpty()) {
            nobody(incident, now, "service " + service.name() + " has no escalation policy");
        }
        return policy;
    }

    private void escalate(Incident incident, Service service, EscalationPolicy policy, int position, int round,
            Instant now) {
        if (position >= policy.levels().size()) {
            nobody(incident, now, "escalation policy " + policy.name() + " has no level " + (position + 1));
            return;
        }
        Level level = policy.levels().get(position);
        incidents.escalatedTo(incident.id(), position, round);
        incidentLog.append(incident.id(), now, "ESCALATED", null,
                "escalated to level " + (position + 1) + (round > 0 ? " (repeat " + round + ")" : ""));
        Step step = new Step(incident.escalationGeneration(), position, round);
        int paged = 0;
        for (Target target : level.targets()) {
            paged += switch (target.type()) {
                case USER -> reads.user(UUID.fromString(target.id()))
                        .map(user -> pageUser(incident, service, user, step, now)).orElse(0);
                case SCHEDULE -> pageOnCall(incident, service, UUID.fromString(target.id()), step, now);
                case SLACK_CHANNEL -> {
                    pager.pageChannel(incident, service, Channel.SLACK, target.id(), step, now);
                    yield 1;
                }
                case WEBHOOK -> {
                    pager.pageChannel(incident, service, Channel.WEBHOOK, target.id(), step, now);
                    yield 1;
                }
            };
        }
        if (paged == 0) {
            nobody(incident, now, "level " + (position + 1) + " of " + policy.name() + " has no one to page");
        }
        if (incident.urgency() == Urgency.LOW) {
            return;
        }
        Instant next = now.plus(level.delay());
        Timer escalation = Timer.onIncident(ESCALATE, incident.id(), incident.escalationGeneration(), next);
        if (position + 1 < policy.levels().size()) {
            timers.schedule(escalation.atStep(position + 1, round, null, null));
        } else if (round < policy.repeatCount()) {
            timers.schedule(escalation.atStep(0, round + 1, null, null));
        }
    }

    /** Pages whoever is on call in the schedule now; returns how many contact methods that covers. */
    private int pageOnCall(Incident incident, Service service, UUID scheduleId, Step step, Instant now) {
        Optional<Schedule> schedule = schedules.find(scheduleId, now);
        if (schedule.isEmpty()) {
            return 0;
        }
        Set<UUID> onCall = schedule.get().onCall(now);
        if (onCall.isEmpty()) {
            incidentLog.append(incident.id(), now, "NOTIFICATION_SKIPPED", null,
                    "nobody is on call in schedule " + schedule.get().name());
        }
        int covered = 0;
        for (UUID userId : onCall) {
            covered += reads.user(userId).map(user -> pageUser(incident, service, user, step, now)).orElse(0);
        }
        return covered;
    }

    /** Pages the user now or schedules it, per their rules; returns how many contact methods that covers. */
    private int pageUser(Incident incident, Service service, User user, Step step, Instant now) {
        int covered = 0;
        List<String> unverified = new ArrayList<>();
        for (NotificationRule rule : reads.rules(user.id(), incident.urgency())) {
            if (!rule.contactMethod().verified()) {
                unverified.add(rule.contactMethod().channel().name());
                continue;
            }
            if (rule.delay().isZero()) {
                pager.page(incident, service, user, rule.contactMethod(), step, now);
            } else {
                timers.schedule(Timer.onIncident(NOTIFY, incident.id(), step.generation(), now.plus(rule.delay()))
                        .atStep(step.level(), step.round(), user.id(), rule.contactMethod().id()));
            }
            covered++;
        }
        if (!unverified.isEmpty()) {
            incidentLog.append(incident.id(), now, "NOTIFICATION_SKIPPED", null, user.name() + "'s "
                    + String.join(", ", unverified.stream().distinct().toList())
                    + " contact method not verified yet: not paged there until they enter the code sent to it");
        }
        if (covered == 0 && unverified.isEmpty()) {
            incidentLog.append(incident.id(), now, "NOTIFICATION_SKIPPED", null,
                    user.name() + " has no notification rules for " + incident.urgency() + " urgency");
        }
        return covered;
    }

    private void nobody(Incident incident, Instant now, String why) {
        nobodyPaged.increment();
        incidentLog.append(incident.id(), now, "NOBODY_PAGED", null, why);
        log.warn("incident={} nobody paged: {}", incident.id(), why);
    }
}
