package io.tocsin.routing.incident;

import static io.tocsin.routing.OnCall.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentCommand.CommandType;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.Topics;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.service.Services;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.MutableClock;
import io.tocsin.testkit.TestKafka;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The incident lifecycle: dedup, resolve and re-trigger, timeouts, maintenance, redelivered messages. */
@RoutingIntegrationTest
class IncidentLifecycleIntegrationTest {

    private static final Duration A_MOMENT = Duration.ofSeconds(30);

    @Autowired
    OnCall onCall;
    @Autowired
    Incidents incidents;
    @Autowired
    Services services;
    @Autowired
    MutableClock clock;
    @Autowired
    AdminApi api;

    private User responder;

    @BeforeEach
    void responder() {
        responder = onCall.responder("Grace");
        onCall.pages(responder, Channel.SMS, "+12015550110", Duration.ZERO);
    }

    private Service service(Duration ackTimeout, Duration autoResolve) {
        return onCall.service(onCall.policy(0, level(Duration.ofMinutes(5), responder)), Urgency.HIGH, ackTimeout,
                autoResolve);
    }

    private UUID awaitIncident(Service service, String dedupKey) {
        return await().atMost(A_MOMENT).until(() -> onCall.incidentId(service, dedupKey), id -> id != null);
    }

    private void awaitStatus(UUID incident, IncidentStatus status) {
        await().atMost(A_MOMENT).until(() -> incidents.find(incident).orElseThrow().status() == status);
    }

    @Test
    void afterResolveTheSameDedupKeyOpensANewIncident() {
        Service service = service(null, null);
        onCall.trigger(service, "db-down", "DB down");
        UUID first = awaitIncident(service, "db-down");
        onCall.alert(service, AlertAction.RESOLVE, "db-down", null);
        awaitStatus(first, IncidentStatus.RESOLVED);
        clock.advance(Duration.ofMinutes(1));

        onCall.trigger(service, "db-down", "DB down again");

        await().atMost(A_MOMENT).until(() -> onCall.incidentIds(service, "db-down").size() == 2);
        UUID second = onCall.incidentId(service, "db-down");
        assertThat(second).isNotEqualTo(first);
        assertThat(incidents.find(second).orElseThrow().status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(onCall.timeline(second)).contains("NOTIFICATION_QUEUED");
    }

    @Test
    void aRedeliveredAlertChangesNothingTheSecondTime() {
        Service service = service(null, null);
        AlertEvent trigger = onCall.trigger(service, "redelivered", "Redelivered trigger");
        UUID incident = awaitIncident(service, "redelivered");
        onCall.trigger(service, "redelivered", "a marker after the redelivery");

        TestKafka.send(Topics.ALERTS, trigger.key(), trigger);
        onCall.trigger(service, "redelivered", "a marker after the redelivery");

        // the two markers count, the redelivered copy does not
        await().atMost(A_MOMENT).until(() -> incidents.alerts(incident).getFirst().triggerCount() == 3);
        assertThat(onCall.timeline(incident)).filteredOn("NOTIFICATION_QUEUED"::equals).hasSize(1);
    }

    @Test
    void anAcknowledgementThatTimesOutTriggersTheIncidentAgainAndPagesAgain() {
        Service service = service(Duration.ofMinutes(30), null);
        onCall.trigger(service, "slow-fix", "Slow fix");
        UUID incident = awaitIncident(service, "slow-fix");
        onCall.command(incident, CommandType.ACKNOWLEDGE, responder, Channel.SMS);
        awaitStatus(incident, IncidentStatus.ACKNOWLEDGED);

        clock.advance(Duration.ofMinutes(31));

        awaitStatus(incident, IncidentStatus.TRIGGERED);
        await().atMost(A_MOMENT).until(() ->
                onCall.timeline(incident).stream().filter("NOTIFICATION_QUEUED"::equals).count() == 2);
        assertThat(onCall.timeline(incident)).containsSubsequence("ACKNOWLEDGED", "ACK_TIMEOUT", "ESCALATED");
    }

    @Test
    void aResolvedIncidentIsNotTriggeredAgainByItsAcknowledgementTimeout() {
        Service service = service(Duration.ofMinutes(30), null);
        onCall.trigger(service, "fixed-in-time", "Fixed in time");
        UUID incident = awaitIncident(service, "fixed-in-time");
        onCall.command(incident, CommandType.ACKNOWLEDGE, responder, Channel.SMS);
        awaitStatus(incident, IncidentStatus.ACKNOWLEDGED);
        onCall.command(incident, CommandType.RESOLVE, responder, Channel.SMS);
        awaitStatus(incident, IncidentStatus.RESOLVED);

        clock.advance(Duration.ofHours(1));

        await().atMost(A_MOMENT).until(() -> onCall.dueTimers(incident) == 0);
        assertThat(incidents.find(incident).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(onCall.timeline(incident)).doesNotContain("ACK_TIMEOUT");
    }

    @Test
    void anIncidentLeftOpenIsAutoResolved() {
        Service service = service(null, Duration.ofHours(4));
        onCall.trigger(service, "forgotten", "Forgotten");
        UUID incident = awaitIncident(service, "forgotten");
        onCall.command(incident, CommandType.ACKNOWLEDGE, responder, Channel.SMS);
        awaitStatus(incident, IncidentStatus.ACKNOWLEDGED);

        clock.advance(Duration.ofHours(4));

        awaitStatus(incident, IncidentStatus.RESOLVED);
        assertThat(incidents.find(incident).orElseThrow().resolvedBy()).isEqualTo("tocsin");
    }

    @Test
    void duringMaintenanceNewIncidentsAreSuppressedAndThoseStillTriggeredPageWhenTheWindowEnds() {
        Service service = service(null, null);
        services.addMaintenanceWindow(service.id(), clock.instant().minusSeconds(60),
                clock.instant().plus(Duration.ofMinutes(10)), "database upgrade");

        onCall.trigger(service, "during-upgrade", "Expected blip");
        onCall.trigger(service, "fixed-during-upgrade", "Blip that recovers");
        UUID stillFiring = awaitIncident(service, "during-upgrade");
        UUID recovered = awaitIncident(service, "fixed-during-upgrade");
        await().atMost(A_MOMENT).until(() -> onCall.timeline(stillFiring).contains("SUPPRESSED"));
        assertThat(incidents.find(stillFiring).orElseThrow().suppressed()).isTrue();
        onCall.alert(service, AlertAction.RESOLVE, "fixed-during-upgrade", null);
        awaitStatus(recovered, IncidentStatus.RESOLVED);

        clock.advance(Duration.ofMinutes(9));
        await().atMost(A_MOMENT).until(() -> onCall.dueTimers(stillFiring) == 0);
        assertThat(onCall.timeline(stillFiring)).doesNotContain("NOTIFICATION_QUEUED", "ESCALATED");

        clock.advance(Duration.ofMinutes(2));
        await().atMost(A_MOMENT).until(() -> onCall.timeline(stillFiring).contains("NOTIFICATION_QUEUED"));
        assertThat(onCall.timeline(stillFiring)).contains("MAINTENANCE_ENDED");
        assertThat(incidents.find(stillFiring).orElseThrow().suppressed()).isFalse();
        assertThat(onCall.timeline(recovered)).doesNotContain("MAINTENANCE_ENDED", "NOTIFICATION_QUEUED");
    }

    @Test
    void theNextTriggerAfterAMaintenanceWindowDeletedEarlyPagesForTheSuppressedIncident() {
        Service service = service(null, null);
        var window = services.addMaintenanceWindow(service.id(), clock.instant().minusSeconds(60),
                clock.instant().plus(Duration.ofHours(1)), null);
        onCall.trigger(service, "backup-db-1", "Backup failed");
        UUID incident = awaitIncident(service, "backup-db-1");
        await().atMost(A_MOMENT).until(() -> onCall.timeline(incident).contains("SUPPRESSED"));

        services.deleteMaintenanceWindow(service.id(), window.id());
        onCall.trigger(service, "backup-db-1", "Backup failed");

        await().atMost(A_MOMENT).until(() -> onCall.timeline(incident).contains("NOTIFICATION_QUEUED"));
        assertThat(onCall.timelineMessages(incident)).contains("triggered again after the maintenance: paging");
    }

    @Test
    void aResponderCanPassTheIncidentToTheNextLevel() {
        User backup = onCall.responder("Backup");
        onCall.pages(backup, Channel.SMS, "+12015550111", Duration.ZERO);
        Service service = onCall.service(onCall.policy(0,
                level(Duration.ofHours(1), responder), level(Duration.ofHours(1), backup)));
        onCall.trigger(service, "hand-over", "Needs the backup");
        UUID incident = awaitIncident(service, "hand-over");
        await().atMost(A_MOMENT).until(() -> onCall.timeline(incident).contains("NOTIFICATION_QUEUED"));

        onCall.command(incident, CommandType.ESCALATE, responder, Channel.SMS);

        await().atMost(A_MOMENT).until(() ->
                onCall.timeline(incident).stream().filter("NOTIFICATION_QUEUED"::equals).count() == 2);
        assertThat(incidents.find(incident).orElseThrow().escalationLevel()).isEqualTo(1);
    }

    @Test
    void threeEscalatesInOneSecondAtTheLastLevelPageItOnce() throws Exception {
        Service service = onCall.service(onCall.policy(0, level(Duration.ofHours(1), responder)));
        onCall.trigger(service, "pressed-thrice", "Everyone presses escalate");
        UUID incident = awaitIncident(service, "pressed-thrice");
        await().atMost(A_MOMENT).until(() -> pagesQueued(incident) == 1);
        clock.advance(Duration.ofSeconds(5));

        for (int press = 0; press < 3; press++) {
            AdminApi.ok(api.call("POST", "/api/v1/incidents/" + incident + "/escalate", null), 200);
        }

        assertThat(onCall.timeline(incident)).filteredOn("ESCALATED"::equals).hasSize(2);
        await().atMost(A_MOMENT).until(() -> pagesQueued(incident) == 2);
        assertThat(onCall.timelineMessages(incident)).filteredOn(message -> message.endsWith(
                "level 1 was paged less than a second ago, not paged again")).hasSize(2);
    }

    private long pagesQueued(UUID incident) {
        return onCall.timeline(incident).stream().filter("NOTIFICATION_QUEUED"::equals).count();
    }
}
