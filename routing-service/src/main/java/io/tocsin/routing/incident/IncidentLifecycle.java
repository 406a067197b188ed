package io.tocsin.routing.incident;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.IncidentChanged;
import io.tocsin.contracts.IncidentCommand;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.TransactionScoped;
import io.tocsin.routing.heartbeat.Heartbeats;
import io.tocsin.routing.inbox.Inbox;
import io.tocsin.routing.incident.Incidents.GroupKey;
import io.tocsin.routing.incident.Incidents.OpenKey;
import io.tocsin.routing.incident.Incidents.Opening;
import io.tocsin.routing.outbox.Outbox;
import io.tocsin.routing.rule.RuledAlert;
import io.tocsin.routing.service.MaintenanceWindow;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.service.Service.ResolveWhen;
import io.tocsin.routing.service.Services;
import io.tocsin.routing.service.StormGuard;
import io.tocsin.routing.timer.Timer;
import io.tocsin.routing.timer.Timers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Triggered → acknowledged → resolved. Every change is one transaction: the incident row (locked),
 * its timeline, its escalation timers and the messages it causes (outbox) commit together.
 */
@Component
public class IncidentLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IncidentLifecycle.class);
    private static final Actor TOCSIN = new Actor("tocsin", "TIMER");
    private static final Actor HEARTBEAT_WATCH = new Actor("tocsin", "HEARTBEAT");
    private static final Actor UNPROCESSABLE = new Actor("tocsin", "UNPROCESSABLE");
    private static final Actor STORM_GUARD = new Actor("tocsin", "STORM_GUARD");
    /** Timeline entries of a suppression: an event rule's, and its end when a repeat is no longer suppressed. */
    private static final String SUPPRESSED_BY_RULE = "SUPPRESSED_BY_RULE";
    private static final String RULE_SUPPRESSION_ENDED = "RULE_SUPPRESSION_ENDED";
    private static final String MAINTENANCE_ENDED = "MAINTENANCE_ENDED";
    /** How long the alerts joining an incident are gathered before one change announces them. */
    private static final Duration JOINS_BATCH = Duration.ofSeconds(2);
    /** One page per level a second is enough, however many people press escalate at once. */
    private static final Duration REPAGE_AFTER = Duration.ofSeconds(1);

    private final Incidents incidents;
    private final IncidentLog incidentLog;
    private final Services services;
    private final PagingReads reads;
    private final ApplicationEventPublisher events;
    private final Timers timers;
    private final Heartbeats heartbeats;
    private final Outbox outbox;
    private final Inbox inbox;
    private final Clock clock;
    private final Counter orphanAlerts;
    /** The incidents alerts joined in this transaction, whose announcement is therefore scheduled. */
    private final TransactionScoped<Set<UUID>> joinedInTransaction = TransactionScoped.of(HashSet::new);

    IncidentLifecycle(Incidents incidents, IncidentLog incidentLog, Services services, PagingReads reads,
            ApplicationEventPublisher events,
            Timers timers, Heartbeats heartbeats, Outbox outbox, Inbox inbox, Clock clock, MeterRegistry meters) {
        this.incidents = incidents;
        this.incidentLog = incidentLog;
        this.services = services;
        this.reads = reads;
        this.events = events;
        this.timers = timers;
        this.heartbeats = heartbeats;
        this.outbox = outbox;
        this.inbox = inbox;
        this.clock = clock;
        this.orphanAlerts = Counter.builder("tocsin.alerts.unknown.service")
                .description("Alerts for a service that no longer exists")
                .register(meters);
    }

    /**
     * Readies the transaction that applies a poll of alerts one by one ({@link #onAlert} each, after this): takes the
     * locks of the groups its triggers may join (before any incident, as every transaction does), locks the incidents
     * of their open alerts in one statement, in id order, then the open incidents of the groups of the new ones, and
     * reads in a few statements what paging the new ones takes. Heartbeats are left out: a ping locks its integration
     * before its incident, as the engine does for a missed deadline, and locking its incident here first would reverse
     * that order.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void prepare(List<AlertEvent> alerts) {
        List<AlertEvent> locking = alerts.stream().filter(alert -> alert.action() != AlertAction.HEARTBEAT
                && alert.serviceId() != null && alert.dedupKey() != null).toList();
        List<AlertEvent> triggers = locking.stream().filter(alert -> alert.action() == AlertAction.TRIGGER).toList();
        reads.services(triggers.stream().map(AlertEvent::serviceId).collect(Collectors.toSet()), clock.instant());
        incidents.lockGroups(triggers.stream().flatMap(alert -> reads.service(alert.serviceId()).stream()
                .flatMap(service -> AlertPlacement.lockName(service, alert).stream())).toList());
        incidents.lockOpen(locking.stream().map(alert -> new OpenKey(alert.serviceId(), alert.dedupKey())).toList());
        List<AlertEvent> fresh = triggers.stream()
                .filter(alert -> incidents.lockOpen(alert.serviceId(), alert.dedupKey()).isEmpty()).toList();
        reads.preload(fresh.stream().map(AlertEvent::serviceId).collect(Collectors.toSet()), clock.instant());
        incidents.lockGroupIncidents(fresh.stream().flatMap(alert -> reads.service(alert.serviceId()).stream()
                .flatMap(service -> service.alertGrouping().groupKey(alert).stream()
                        .map(key -> new GroupKey(service.id(), key)))).toList());
    }

    /** Applies an alert seen for the first time: its consumer asks the inbox ({@code BatchConsumers}). */
    @Transactional
    public void onAlert(AlertEvent alert) {
        onAlert(RuledAlert.asSent(alert));
    }

    /** Applies an alert as its integration's event rules left it: urgency and suppression matter to a new incident. */
    @Transactional
    public void onAlert(RuledAlert ruled) {
        AlertEvent alert = ruled.alert();
        Instant now = clock.instant();
        Actor monitor = new Actor("monitor", alert.integrationType());
        switch (alert.action()) {
            case TRIGGER -> {
                Optional<Incident> open = incidents.lockOpen(alert.serviceId(), alert.dedupKey());
                if (open.isPresent()) {
                    incidents.retriggered(new OpenKey(alert.serviceId(), alert.dedupKey()), now);
                    if (open.get().suppressed() && open.get().status() == IncidentStatus.TRIGGERED) {
                        if (ruled.suppressedBy() == null) {
                            repeatedUnsuppressed(open.get(), monitor, now);
                        } else {
                            repeatedSuppressedByRule(open.get(), ruled.suppressedBy(), now);
                        }
                    }
                    return;
                }
                Optional<Service> service = reads.service(alert.serviceId());
                if (service.isEmpty()) {
                    orphanAlerts.increment();
                    log.warn("alert={} dropped: service={} no longer exists", alert.id(), alert.serviceId());
                    return;
                }
                place(alert, service.get(), monitor, now, Objects.requireNonNullElse(ruled.urgency(),
                        service.get().urgency()), ruled.suppressedBy());
            }
            case ACKNOWLEDGE -> incidents.lockOpen(alert.serviceId(), alert.dedupKey())
                    .ifPresent(incident -> acknowledge(incident, monitor, now));
            case RESOLVE -> incidents.lockOpen(alert.serviceId(), alert.dedupKey())
                    .ifPresent(incident -> resolveAlert(incident, new OpenKey(alert.serviceId(), alert.dedupKey()),
                            monitor, now));
            case HEARTBEAT -> {
                // the integration before the incident, in the order the engine locks them for a missed deadline
                heartbeats.pinged(alert.integrationId(), now);
                incidents.lockOpen(alert.serviceId(), Heartbeats.dedupKey(alert.integrationId()))
                        .ifPresent(incident -> resolve(incident, monitor, now));
            }
        }
    }

    /**
     * Opens the incident of an alert routing could not apply (see {@link AlertMessages}) on the alert's service,
     * or on the built-in Tocsin service when that is unknown; false when this message was handled before.
     */
    @Transactional
    boolean onUnprocessable(AlertEvent alert) {
        if (!inbox.firstDelivery(alert.id())) {
            return false;
        }
        Service service = Optional.ofNullable(alert.serviceId()).flatMap(reads::service).orElseGet(services::tocsin);
        open(alert.onService(service.id()), service, UNPROCESSABLE, clock.instant());
        return true;
    }

    /**
     * The engine reached the end of the maintenance window that suppressed the incident: a still triggered incident
     * starts paging; one still in maintenance (the window was extended, another one follows) waits for that end.
     */
    @Transactional
    boolean maintenanceEnded(Incident incident, Instant now) {
        if (!incident.suppressed() || incident.status() != IncidentStatus.TRIGGERED) {
            return false;
        }
        Optional<MaintenanceWindow> maintenance = reads.activeMaintenance(incident.serviceId(), now);
        if (maintenance.isPresent()) {
            timers.schedule(Timer.onIncident(IncidentTimers.MAINTENANCE_END, incident.id(), 0, maintenance.get().endsAt()));
            return false;
        }
        endSuppression(incident, TOCSIN, MAINTENANCE_ENDED, "the maintenance is over and the incident is still"
                + " triggered: paging", now);
        return true;
    }

    /**
     * A repeat of the suppressed, triggered incident's alert that no event rule suppresses (any more): it pages now
     * (the window's end may not have been reached by the timer yet, or the window was deleted early), or, while the
     * service is in maintenance, at the window's end as a maintenance-suppressed incident does; a rule's suppression
     * set no timer for that end, so it is set now.
     */
    private void repeatedUnsuppressed(Incident incident, Actor monitor, Instant now) {
        Optional<MaintenanceWindow> maintenance = reads.activeMaintenance(incident.serviceId(), now);
        if (maintenance.isEmpty()) {
            endSuppression(incident, monitor, now);
        } else if (!timers.pending(incident.id(), 0, IncidentTimers.MAINTENANCE_END, 0, 0, null)) {
            timers.schedule(Timer.onIncident(IncidentTimers.MAINTENANCE_END, incident.id(), 0,
                    maintenance.get().endsAt()));
            incidentLog.append(incident.id(), now, "SUPPRESSED", monitor, "triggered again and no event rule of its"
                    + " integration suppresses it any more, but the service is in maintenance until "
                    + maintenance.get().endsAt() + ": nobody is paged until then");
        }
    }

    /**
     * A repeat of the suppressed, triggered incident's alert that an event rule suppresses (again): the end of the
     * maintenance it was waiting for no longer pages; a later repeat no rule suppresses does. (Outside maintenance
     * there is no end to wait for, and a rule's steady repeats cost no statement.)
     */
    private void repeatedSuppressedByRule(Incident incident, String rule, Instant now) {
        if (reads.activeMaintenance(incident.serviceId(), now).isPresent()
                && timers.cancelAction(incident.id(), IncidentTimers.MAINTENANCE_END)) {
            incidentLog.append(incident.id(), now, SUPPRESSED_BY_RULE, null, rule + " of its integration suppresses"
                    + " it again: nobody is paged when the maintenance ends");
        }
    }

    /**
     * A repeat of the suppressed incident's alert that no event rule suppresses (any more) and no maintenance holds:
     * the timeline gives the reason the suppression had, a rule's or a maintenance's, and it pages.
     */
    private void endSuppression(Incident incident, Actor monitor, Instant now) {
        if (incidentLog.lastAt(incident.id(), SUPPRESSED_BY_RULE).isPresent()) {
            endSuppression(incident, monitor, RULE_SUPPRESSION_ENDED, "triggered again and no event rule of its"
                    + " integration suppresses it any more: paging", now);
        } else {
            endSuppression(incident, monitor, MAINTENANCE_ENDED, "triggered again after the maintenance: paging", now);
        }
    }

    private void endSuppression(Incident incident, Actor actor, String event, String message, Instant now) {
        Incident paging = incidents.unsuppress(incident.id());
        incidentLog.append(incident.id(), now, event, actor, message);
        events.publishEvent(new IncidentTriggered(paging, reads.service(paging.serviceId()).orElseThrow(), now));
        log.info("incident={} no longer suppressed: paging", incident.id());
    }

    /** A heartbeat deadline passed; raises the integration's incident unless one is open. */
    @Transactional
    boolean heartbeatMissed(UUID integrationId, Instant now) {
        Optional<Heartbeats.Missed> missed = heartbeats.missed(integrationId, now);
        if (missed.isEmpty()) {
            return false;
        }
        String dedupKey = Heartbeats.dedupKey(integrationId);
        Optional<Service> service = reads.service(missed.get().serviceId());
        if (service.isEmpty() || incidents.lockOpen(service.get().id(), dedupKey).isPresent()) {
            return false;
        }
        Instant lastPing = missed.get().lastPing();
        String summary = "No heartbeat from " + missed.get().name() + " within " + missed.get().interval()
                + (lastPing == null ? " (it never pinged)" : " (last ping " + lastPing + ")");
        AlertEvent alert = new AlertEvent(UUID.randomUUID(), AlertEvent.SCHEMA_VERSION, AlertAction.TRIGGER,
                service.get().id(), integrationId, "HEARTBEAT", dedupKey, summary, Severity.CRITICAL,
                missed.get().name(), Map.of(), null, now, now);
        open(alert, service.get(), HEARTBEAT_WATCH, now);
        return true;
    }

    /**
     * A new alert of the service (its key has no open alert): it joins the open incident of its group or the
     * service's raging storm, or opens the storm incident, or an incident of its own, as {@link AlertPlacement}
     * decides under the group's lock.
     */
    private void place(AlertEvent alert, Service service, Actor monitor, Instant now, Urgency urgency,
            String suppressedBy) {
        AlertPlacement.lockName(service, alert).ifPresent(name -> incidents.lockGroups(List.of(name)));
        Optional<Incident> groupIncident = service.alertGrouping().groupKey(alert)
                .flatMap(key -> incidents.lockGroupIncident(new GroupKey(service.id(), key)));
        Optional<Incident> storm = service.stormGuard() == null ? Optional.empty()
                : incidents.lockRagingStorm(service.id());
        AlertPlacement placement = AlertPlacement.of(alert, service, groupIncident, storm,
                () -> recentIncidents(service, now).incidents(), now);
        switch (placement) {
            case AlertPlacement.Join join -> join(join.incident(), alert, monitor, now);
            case AlertPlacement.OpenStorm openStorm -> openStorm(alert, service, recentIncidents(service, now), now);
            case AlertPlacement.Open open -> open(alert, Opening.of(alert, open.groupKey()), service, monitor, now,
                    urgency, suppressedBy);
        }
    }

    private Incidents.Recent recentIncidents(Service service, Instant now) {
        return incidents.openedSince(service.id(), now.minus(service.stormGuard().window()));
    }

    /** The alert joins the open incident: it says so on its timeline, and pages nobody again. */
    private void join(Incident incident, AlertEvent alert, Actor monitor, Instant now) {
        Incident joined = incidents.join(incident.id(), alert, now);
        incidentLog.append(incident.id(), now, "ALERT_JOINED", monitor, "alert " + alert.dedupKey() + " joined: "
                + alert.summary() + " (" + joined.alertCount() + " alerts)");
        log.info("incident={} alert joined dedup={} alerts={}", incident.id(), alert.dedupKey(), joined.alertCount());
        // Slack and other consumers of incident changes hear of the joins once per batch, not once per alert; a
        // poll's joins to one incident ask the timer table once
        boolean firstInTransaction = joinedInTransaction.get().map(incidentIds -> incidentIds.add(incident.id()))
                .orElse(true);
        if (firstInTransaction && !timers.pending(incident.id(), 0, IncidentTimers.JOINS_ANNOUNCED, 0, 0, null)) {
            timers.schedule(Timer.onIncident(IncidentTimers.JOINS_ANNOUNCED, incident.id(), 0,
                    now.plus(JOINS_BATCH)));
        }
    }

    /**
     * Its timer, {@link #JOINS_BATCH} after the first of a batch of alerts joined the open incident: one change
     * announces how many alerts it holds now. A resolved incident announced its count when it resolved.
     */
    @Transactional
    boolean joinsAnnounced(Incident incident, Instant now) {
        if (incident.status() == IncidentStatus.RESOLVED) {
            return false;
        }
        // nobody changed its state: no actor, so what consumers show of who acknowledged it stays
        announce(incident, null, now);
        return true;
    }

    /**
     * Opens the service's storm incident with the alert as its first: its page says how many alerts came in the storm
     * guard's window and from which sources; a timer watches for the storm to calm.
     */
    private void openStorm(AlertEvent alert, Service service, Incidents.Recent recent, Instant now) {
        Duration window = service.stormGuard().window();
        long alerts = recent.incidents() + 1;
        String sources = recent.topSources().stream().map(source -> source == null ? "no source" : source)
                .collect(Collectors.joining(", "))
                + (recent.sources() > recent.topSources().size()
                        ? " and " + (recent.sources() - recent.topSources().size()) + " more" : "");
        String summary = "Alert storm on " + service.name() + ": " + alerts + " alerts in " + spoken(window)
                + " from " + sources;
        Map<String, Object> details = Map.of("stormAlerts", alerts, "stormWindow", window.toString(),
                "stormSources", recent.topSources().stream().map(String::valueOf).toList());
        Incident storm = open(alert, new Opening(summary, alert.severity(), sources, details, null, null, true),
                service, STORM_GUARD, now, service.urgency(), null);
        timers.schedule(Timer.onIncident(IncidentTimers.STORM_CALM, storm.id(), 0, now.plus(window)));
    }

    /**
     * Its timer found the storm incident's last alert at least its window ago: the storm calmed, the timeline says so
     * and the service's next alerts open incidents again; or the storm goes on, and the timer waits for its window
     * after the last alert.
     */
    @Transactional
    boolean stormMayHaveCalmed(Incident incident, Instant now) {
        Duration window = reads.service(incident.serviceId()).map(Service::stormGuard).map(StormGuard::window)
                .orElse(Duration.ZERO);
        Instant calmAt = incident.lastAlertAt().plus(window);
        if (now.isBefore(calmAt)) {
            timers.schedule(Timer.onIncident(IncidentTimers.STORM_CALM, incident.id(), 0, calmAt));
            return false;
        }
        if (!incidents.calmStorm(incident.id())) {
            return false;
        }
        incidentLog.append(incident.id(), now, "STORM_CALMED", STORM_GUARD, "the storm calmed: no new alert for "
                + spoken(window) + " (" + incident.alertCount() + " alerts in the storm)");
        log.info("incident={} storm calmed after alerts={}", incident.id(), incident.alertCount());
        return true;
    }

    /** "2 min", as the storm's page and timeline say its window. */
    private static String spoken(Duration window) {
        return window.toSecondsPart() == 0 ? window.toMinutes() + " min" : window.toSeconds() + " s";
    }

    private Incident open(AlertEvent alert, Service service, Actor monitor, Instant now) {
        return open(alert, Opening.of(alert, null), service, monitor, now, service.urgency(), null);
    }

    /** {@code suppressedBy}: the event rule that keeps the incident from paging anyone, if one does. */
    private Incident open(AlertEvent alert, Opening opening, Service service, Actor monitor, Instant now,
            Urgency urgency, String suppressedBy) {
        Optional<MaintenanceWindow> maintenance = reads.activeMaintenance(service.id(), now);
        Incident incident = incidents.open(alert, opening, urgency, maintenance.isPresent() || suppressedBy != null,
                now);
        incidentLog.append(incident.id(), now, "TRIGGERED", monitor, "triggered: " + incident.summary());
        announce(incident, monitor, now);
        if (service.autoResolveTimeout() != null) {
            timers.schedule(Timer.onIncident(IncidentTimers.AUTO_RESOLVE, incident.id(), 0,
                    now.plus(service.autoResolveTimeout())));
        }
        if (suppressedBy != null) {
            // no maintenance end to wait for: it pages only once a repeat of its alert is no longer suppressed (at
            // the end of a maintenance in force then)
            incidentLog.append(incident.id(), now, SUPPRESSED_BY_RULE, null, suppressedBy + " of its integration"
                    + " suppresses it: it is kept here and nobody is paged");
        } else if (maintenance.isPresent()) {
            incidentLog.append(incident.id(), now, "SUPPRESSED", null, "service " + service.name()
                    + " is in maintenance until " + maintenance.get().endsAt() + ": nobody is paged until then"
                    + (maintenance.get().reason() == null ? "" : " (" + maintenance.get().reason() + ")"));
            timers.schedule(Timer.onIncident(IncidentTimers.MAINTENANCE_END, incident.id(), 0, maintenance.get().endsAt()));
        } else {
            events.publishEvent(new IncidentTriggered(incident, service, now));
        }
        log.info("incident={} service={} dedup={} triggered{}", incident.id(), incident.serviceId(),
                incident.dedupKey(), suppressedBy != null ? " (suppressed: " + suppressedBy + ")"
                        : maintenance.isPresent() ? " (suppressed: maintenance)" : "");
        return incident;
    }

    /** Applies a command seen for the first time: its consumer asks the inbox ({@code BatchConsumers}). */
    @Transactional
    public void onCommand(IncidentCommand command) {
        Actor responder = new Actor(command.actor(), command.via().name());
        Optional<Incident> incident = incidents.lock(command.incidentId());
        if (incident.isEmpty()) {
            log.warn("command={} for unknown incident={}", command.id(), command.incidentId());
            return;
        }
        Instant now = clock.instant();
        switch (command.type()) {
            case ACKNOWLEDGE -> acknowledge(incident.get(), responder, now);
            case RESOLVE -> resolve(incident.get(), responder, now);
            case ESCALATE -> escalate(incident.get(), responder, now);
        }
    }

    /** Acknowledges on behalf of an API caller or responder; a resolved incident stays resolved. */
    @Transactional
    public Incident acknowledge(UUID id, Actor actor) {
        Incident incident = incidents.lock(id).orElseThrow(() -> new IncidentNotFound(id));
        acknowledge(incident, actor, clock.instant());
        return incidents.find(id).orElseThrow();
    }

    @Transactional
    public Incident unacknowledge(UUID id, Actor actor) {
        Incident incident = incidents.lock(id).orElseThrow(() -> new IncidentNotFound(id));
        if (incident.status() == IncidentStatus.ACKNOWLEDGED) {
            retrigger(incident, actor, "UNACKNOWLEDGED", "un-acknowledged by " + actor.name() + " via " + actor.via(),
                    clock.instant());
        }
        return incidents.find(id).orElseThrow();
    }

    @Transactional
    public Incident resolve(UUID id, Actor actor) {
        Incident incident = incidents.lock(id).orElseThrow(() -> new IncidentNotFound(id));
        resolve(incident, actor, clock.instant());
        return incidents.find(id).orElseThrow();
    }

    /** Pages the next level now on behalf of an API caller; only a triggered incident escalates. */
    @Transactional
    public Incident escalate(UUID id, Actor actor) {
        Incident incident = incidents.lock(id).orElseThrow(() -> new IncidentNotFound(id));
        escalate(incident, actor, clock.instant());
        return incidents.find(id).orElseThrow();
    }

    /** Its timer found an acknowledged incident unresolved past its service's acknowledgement timeout. */
    @Transactional
    void acknowledgementTimedOut(Incident incident, Instant now) {
        retrigger(incident, TOCSIN, "ACK_TIMEOUT", "acknowledged but not resolved in time: triggered again", now);
    }

    /** Its timer found an incident open past its service's auto-resolve timeout. */
    @Transactional
    void autoResolve(Incident incident, Instant now) {
        resolve(incident, TOCSIN, now);
    }

    private void retrigger(Incident incident, Actor actor, String event, String message, Instant now) {
        Incident triggered = incidents.retrigger(incident.id());
        stopPaging(incident);
        incidentLog.append(incident.id(), now, event, actor, message);
        announce(triggered, actor, now);
        Service service = reads.service(incident.serviceId()).orElseThrow();
        events.publishEvent(new IncidentTriggered(triggered, service, now));
        log.info("incident={} triggered again ({})", incident.id(), event);
    }

    private void acknowledge(Incident incident, Actor actor, Instant now) {
        if (incident.status() != IncidentStatus.TRIGGERED) {
            return;
        }
        Incident acknowledged = incidents.acknowledge(incident.id(), actor, now);
        stopPaging(incident);
        // acknowledging started the incident's next generation; the timeout belongs to it
        reads.service(incident.serviceId()).map(Service::ackTimeout).ifPresent(timeout ->
                timers.schedule(Timer.onIncident(IncidentTimers.ACK_TIMEOUT, incident.id(),
                        acknowledged.escalationGeneration(), now.plus(timeout))));
        incidentLog.append(incident.id(), now, "ACKNOWLEDGED", actor, "acknowledged by " + actor.name() + " via " + actor.via());
        announce(acknowledged, actor, now);
        log.info("incident={} acknowledged by={} via={}", incident.id(), actor.name(), actor.via());
    }

    private void resolve(Incident incident, Actor actor, Instant now) {
        if (incident.status() == IncidentStatus.RESOLVED) {
            return;
        }
        Incident resolved = incidents.resolve(incident.id(), actor, now);
        timers.cancel(incident.id(), null);
        incidentLog.append(incident.id(), now, "RESOLVED", actor, "resolved by " + actor.name() + " via " + actor.via());
        announce(resolved, actor, now);
        log.info("incident={} resolved by={} via={}", incident.id(), actor.name(), actor.via());
    }

    /**
     * The monitor resolved one alert of the incident: the incident resolves with it when it was its only one, when its
     * service resolves incidents on the first resolve, or when it was the last one still triggered.
     */
    private void resolveAlert(Incident incident, OpenKey key, Actor actor, Instant now) {
        incidents.resolveAlert(key, actor, now);
        if (incident.alertCount() == 1) {
            resolve(incident, actor, now);
            return;
        }
        boolean firstResolves = reads.service(incident.serviceId()).map(Service::resolveWhen)
                .filter(ResolveWhen.FIRST_RESOLVE::equals).isPresent();
        int stillTriggered = firstResolves ? 0 : incidents.openAlerts(incident.id());
        incidentLog.append(incident.id(), now, "ALERT_RESOLVED", actor, "alert " + key.dedupKey() + " resolved by "
                + actor.name() + " via " + actor.via() + (stillTriggered == 0 ? "" : ": " + stillTriggered + " of "
                + incident.alertCount() + " alerts still triggered"));
        if (stillTriggered == 0) {
            resolve(incident, actor, now);
        }
    }

    /** A responder passes the incident on: the next level is paged now and the escalation goes on from there. */
    private void escalate(Incident incident, Actor actor, Instant now) {
        if (incident.status() != IncidentStatus.TRIGGERED) {
            return;
        }
        if (pagedJustNow(incident, now)) {
            incidentLog.append(incident.id(), now, "ESCALATION_REQUESTED", actor, "escalation requested by "
                    + actor.name() + " via " + actor.via() + ": level " + incident.level()
                    + " was paged less than a second ago, not paged again");
            return;
        }
        Incident escalating = incidents.newGeneration(incident.id());
        stopPaging(incident);
        incidentLog.append(incident.id(), now, "ESCALATION_REQUESTED", actor,
                "escalation requested by " + actor.name() + " via " + actor.via());
        events.publishEvent(new EscalationRequested(escalating, now));
    }

    /**
     * Whether escalating now would page again the level paged less than {@link #REPAGE_AFTER} ago: at the last level,
     * three presses of escalate in one second would otherwise page the same people three times.
     */
    private boolean pagedJustNow(Incident incident, Instant now) {
        boolean atLastLevel = reads.service(incident.serviceId()).map(Service::escalationPolicyId)
                .flatMap(reads::policy)
                .filter(policy -> incident.escalationLevel() >= policy.levels().size() - 1).isPresent();
        return atLastLevel && incidentLog.lastAt(incident.id(), "ESCALATED")
                .filter(at -> at.isAfter(now.minus(REPAGE_AFTER))).isPresent();
    }

    /** Drops every timer of the incident but its auto-resolve: what was still to be paged, a pending ack timeout. */
    private void stopPaging(Incident incident) {
        timers.cancel(incident.id(), IncidentTimers.AUTO_RESOLVE);
    }

    /** {@code actor} null: only the count of its alerts changed. */
    private void announce(Incident incident, Actor actor, Instant now) {
        outbox.append(Outbox.INCIDENTS, incident.id().toString(), new IncidentChanged(UUID.randomUUID(),
                IncidentChanged.SCHEMA_VERSION, incident.id(), incident.serviceId(), incident.dedupKey(),
                incident.status(), incident.summary(), actor == null ? null : actor.name(),
                actor == null ? null : actor.via(), now, incident.number(),
                incident.alertCount()));
    }
}
