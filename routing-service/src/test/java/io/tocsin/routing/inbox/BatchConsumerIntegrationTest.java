package io.tocsin.routing.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.IncidentChanged;
import io.tocsin.contracts.IncidentCommand;
import io.tocsin.contracts.IncidentCommand.CommandType;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Topics;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.incident.Alert;
import io.tocsin.routing.incident.Incident;
import io.tocsin.routing.incident.IncidentFilter;
import io.tocsin.routing.incident.Incidents;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.service.Services;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.TestKafka;
import io.tocsin.testkit.TestKafka.Outgoing;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Routing takes a poll's alerts, commands and delivery reports together, and each record still gets what it got
 * alone: applied once, a bad one isolated (an alert becomes the unprocessable-alert incident, anything else a dead
 * letter), its trace continued.
 */
@RoutingIntegrationTest
class BatchConsumerIntegrationTest {

    @Autowired
    OnCall onCall;
    @Autowired
    Incidents incidents;
    @Autowired
    Clock clock;

    @Test
    void aPollsAlertsAreEachAppliedOnceThoughSentTwiceInItAndDeliveredAgain() {
        Service service = quietService();
        AlertEvent disk = alert(service, "disk", "Disk full");
        AlertEvent load = alert(service, "load", "Load high");
        String key = service.id().toString();

        TestKafka.sendTogether(Topics.ALERTS, List.of(new Outgoing(key, disk), new Outgoing(key, load),
                new Outgoing(key, disk), new Outgoing(key, load)));
        // the poll delivered again, as after a crash before its offsets were committed; then one more alert after it
        TestKafka.sendTogether(Topics.ALERTS, List.of(new Outgoing(key, disk), new Outgoing(key, load),
                new Outgoing(key, alert(service, "after", "After the redelivery"))));
        onCall.awaitIncident(service, "after");

        for (String dedupKey : List.of("disk", "load")) {
            assertThat(onCall.incidentIds(service, dedupKey)).hasSize(1);
            assertThat(incidents.alerts(onCall.incidentId(service, dedupKey))).singleElement()
                    .extracting(Alert::triggerCount).as("triggers counted on the alert %s", dedupKey).isEqualTo(1);
        }
    }

    @Test
    void aBadRecordHoldsBackNothingElseOfItsPollAndBecomesTheUnprocessableIncident() {
        Service service = quietService();
        // PostgreSQL refuses NUL in text: as an ingest that did not clean its values would publish it
        AlertEvent refused = new AlertEvent(UUID.randomUUID(), AlertEvent.SCHEMA_VERSION, AlertAction.TRIGGER,
                service.id(), UUID.randomUUID(), "EVENTS_V2", "backup\u0000db", "nul \u0000 here", Severity.CRITICAL,
                "db-1", Map.of(), "{}", clock.instant(), clock.instant());
        String unreadable = "not an alert " + UUID.randomUUID();
        String key = service.id().toString();

        TestKafka.sendTogether(Topics.ALERTS, List.of(new Outgoing(key, alert(service, "before", "Before the bad one")),
                new Outgoing(key, refused), new Outgoing(key, unreadable),
                new Outgoing(key, alert(service, "after", "After the bad one"))));

        UUID before = onCall.awaitIncident(service, "before");
        UUID after = onCall.awaitIncident(service, "after");
        assertThat(incidents.find(before).orElseThrow().alertCount()).isEqualTo(1);
        assertThat(incidents.find(after).orElseThrow().alertCount()).isEqualTo(1);
        UUID unprocessable = await().atMost(Duration.ofSeconds(30)).until(() -> incidentsOf(service.id()).stream()
                .filter(incident -> refused.id().toString().equals(incidents.details(incident.id()).get("alertId")))
                .map(Incident::id).findFirst().orElse(null), Objects::nonNull);
        assertThat(incidents.find(unprocessable).orElseThrow().summary())
                .isEqualTo("An alert could not be processed: nul \uFFFD here");
        await().atMost(Duration.ofSeconds(30)).until(() -> incidentsOf(Services.TOCSIN_ID).stream()
                .anyMatch(incident -> incidents.detail(incident.id()).orElseThrow().rawPayload().contains(unreadable)));
    }

    @Test
    void aPollOfCommandsAndOneOfDeliveryReportsApplyEachOnceAndDeadLetterTheUnreadable() {
        User user = onCall.responder("Bea");
        onCall.pages(user, Channel.SMS, "+12015550188", Duration.ZERO);
        Service service = onCall.service(onCall.policy(0, OnCall.level(Duration.ofMinutes(5), user)));
        onCall.trigger(service, "batched", "Commands and reports in batches");
        UUID incident = onCall.awaitIncident(service, "batched");
        NotificationRequested page = await().atMost(Duration.ofSeconds(30))
                .until(() -> onCall.pagesFor(incident), pages -> !pages.isEmpty()).getFirst();
        String key = incident.toString();

        DeliveryReported sent = report(page, DeliveryStatus.SENT);
        DeliveryReported delivered = report(page, DeliveryStatus.DELIVERED);
        // each poll's last record the one awaited: once it is applied, so is every copy before it
        TestKafka.sendTogether(Topics.DELIVERIES, List.of(new Outgoing(key, sent), new Outgoing(key, sent),
                new Outgoing(key, delivered)));
        IncidentCommand acknowledge = new IncidentCommand(UUID.randomUUID(), IncidentCommand.SCHEMA_VERSION, incident,
                CommandType.ACKNOWLEDGE, user.id(), user.name(), Channel.SMS, clock.instant());
        IncidentCommand resolve = new IncidentCommand(UUID.randomUUID(), IncidentCommand.SCHEMA_VERSION, incident,
                CommandType.RESOLVE, user.id(), user.name(), Channel.SMS, clock.instant());
        String poison = "NOT_A_COMMAND " + UUID.randomUUID();
        try (var deadLetters = TestKafka.record("error." + Topics.COMMANDS + ".routing", Map.class)) {
            TestKafka.sendTogether(Topics.COMMANDS, List.of(new Outgoing(key, acknowledge),
                    new Outgoing(key, Map.of("type", poison, "incidentId", key)), new Outgoing(key, acknowledge),
                    new Outgoing(key, resolve)));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters.received())
                    .filteredOn(record -> poison.equals(record.message().get("type")))
                    .singleElement()
                    .satisfies(record -> assertThat(record.headers())
                            .containsEntry("x-original-topic", Topics.COMMANDS)
                            .containsKey("x-exception-message")));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> onCall.timeline(incident).containsAll(List.of("RESOLVED", "NOTIFICATION_DELIVERED")));
        assertThat(onCall.timeline(incident)).containsSubsequence("ACKNOWLEDGED", "RESOLVED")
                .containsOnlyOnce("ACKNOWLEDGED", "RESOLVED", "NOTIFICATION_SENT", "NOTIFICATION_DELIVERED");
    }

    @Test
    void eachAlertOfAPollContinuesItsOwnTrace() {
        Service service = quietService();
        String first = "0af7651916cd43dd8448eb211c80319c";
        String second = "4bf92f3577b34da6a3ce929d0e0e4736";
        String key = service.id().toString();

        try (var changes = TestKafka.record(Topics.INCIDENTS, IncidentChanged.class)) {
            TestKafka.sendTogether(Topics.ALERTS, List.of(
                    new Outgoing(key, alert(service, "first", "First trace"),
                            Map.of("traceparent", "00-" + first + "-b7ad6b7169203331-01")),
                    new Outgoing(key, alert(service, "second", "Second trace"),
                            Map.of("traceparent", "00-" + second + "-00f067aa0ba902b7-01"))));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var ofService = changes.received().stream()
                        .filter(record -> record.message().serviceId().equals(service.id())).toList();
                assertThat(ofService).filteredOn(record -> record.message().dedupKey().equals("first")).isNotEmpty()
                        .allSatisfy(record -> assertThat(record.headers().get("traceparent")).contains(first));
                assertThat(ofService).filteredOn(record -> record.message().dedupKey().equals("second")).isNotEmpty()
                        .allSatisfy(record -> assertThat(record.headers().get("traceparent")).contains(second));
            });
        }
    }

    /** A service whose incidents page nobody: these tests look at incidents, not pages. */
    private Service quietService() {
        return onCall.service(onCall.policy(0, OnCall.level(Duration.ofMinutes(5), onCall.responder("Nobody"))));
    }

    /** A trigger as ingest would publish it, not sent yet. */
    private AlertEvent alert(Service service, String dedupKey, String summary) {
        return new AlertEvent(UUID.randomUUID(), AlertEvent.SCHEMA_VERSION, AlertAction.TRIGGER, service.id(),
                UUID.randomUUID(), "EVENTS_V2", dedupKey, summary, Severity.CRITICAL, "test-monitor", Map.of(), "{}",
                clock.instant(), clock.instant());
    }

    private DeliveryReported report(NotificationRequested page, DeliveryStatus status) {
        return new DeliveryReported(UUID.randomUUID(), DeliveryReported.SCHEMA_VERSION, page.id(), page.incidentId(),
                page.channel(), status, null, clock.instant(), 1);
    }

    private List<Incident> incidentsOf(UUID serviceId) {
        return incidents.list(new IncidentFilter(Set.of(), serviceId, null, null, null), 500);
    }
}
