package io.tocsin.routing.incident;

import static io.tocsin.routing.OnCall.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.service.Services;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A poll of alerts applied in one transaction, as the batch consumer applies it ({@code prepare}, then each alert):
 * what it leaves is what the same alerts applied one by one leave, though its incidents were locked in one statement,
 * its configuration read once and its timeline, outbox, page and timer rows written in a batch each at commit.
 */
@RoutingIntegrationTest
class ManyAlertsInOneTransactionIntegrationTest {

    private static final Duration A_MOMENT = Duration.ofSeconds(30);
    private static final Duration LEVEL_DELAY = Duration.ofMinutes(10);

    @Autowired
    OnCall onCall;
    @Autowired
    IncidentLifecycle lifecycle;
    @Autowired
    Incidents incidents;
    @Autowired
    Services services;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    @Test
    void fiftyAlertsInOneTransactionOpenPageCountAcknowledgeAndResolveAsOneByOne() {
        User ann = onCall.responder("Ann");
        onCall.pages(ann, Channel.SMS, "+12015550190", Duration.ZERO);
        onCall.pages(ann, Channel.VOICE, "+12015550190", Duration.ofMinutes(2));
        User ben = onCall.responder("Ben");
        onCall.pages(ben, Channel.SMS, "+12015550191", Duration.ZERO);
        Service payments = onCall.service(onCall.policy(0, level(LEVEL_DELAY, ann), level(LEVEL_DELAY, ben)));
        Service search = onCall.service(onCall.policy(0, level(LEVEL_DELAY, ben)));
        Service quiet = onCall.service(onCall.policy(0, level(LEVEL_DELAY, ann)));
        services.addMaintenanceWindow(quiet.id(), clock.instant().minusSeconds(60), clock.instant().plus(
                Duration.ofHours(1)), "database upgrade");
        // open before the poll: the poll's trigger for it is a repeat
        AlertEvent before = onCall.event(payments, AlertAction.TRIGGER, "already-open", "Already open", Map.of());
        transaction.executeWithoutResult(status -> lifecycle.onAlert(before));
        UUID alreadyOpen = onCall.incidentId(payments, "already-open");

        List<AlertEvent> poll = new ArrayList<>();
        List<String> paymentsKeys = new ArrayList<>();
        List<String> searchKeys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            paymentsKeys.add("payments-" + i);
            poll.add(onCall.event(payments, AlertAction.TRIGGER, "payments-" + i, "Payments " + i + " down",
                    Map.of("host", "pay-" + i)));
            searchKeys.add("search-" + i);
            poll.add(onCall.event(search, AlertAction.TRIGGER, "search-" + i, "Search " + i + " down", Map.of()));
        }
        for (int i = 0; i < 4; i++) {
            poll.add(onCall.event(payments, AlertAction.TRIGGER, "payments-0", "Payments 0 still down", Map.of()));
        }
        poll.add(onCall.event(payments, AlertAction.TRIGGER, "already-open", "Already open, again", Map.of()));
        poll.add(onCall.event(search, AlertAction.ACKNOWLEDGE, "search-1", null, Map.of()));
        poll.add(onCall.event(search, AlertAction.RESOLVE, "search-2", null, Map.of()));
        // the key's incident was resolved a moment ago in this very poll: this opens a new one
        poll.add(onCall.event(search, AlertAction.TRIGGER, "search-2", "Search 2 down again", Map.of()));
        poll.add(onCall.event(quiet, AlertAction.TRIGGER, "quiet-0", "Quiet down", Map.of()));
        poll.add(onCall.event(quiet, AlertAction.TRIGGER, "quiet-1", "Quiet down too", Map.of()));
        assertThat(poll).hasSize(50);

        transaction.executeWithoutResult(status -> {
            lifecycle.prepare(poll);
            poll.forEach(lifecycle::onAlert);
        });

        for (String key : paymentsKeys) {
            UUID incident = onlyIncident(payments, key);
            assertThat(incidents.find(incident).orElseThrow().status()).isEqualTo(IncidentStatus.TRIGGERED);
            assertThat(onCall.timeline(incident)).containsExactly("TRIGGERED", "ESCALATED", "NOTIFICATION_QUEUED");
            assertThat(timers(incident)).containsExactlyInAnyOrder("ESCALATE", "NOTIFY");
            awaitPages(incident, ann, 1);
        }
        // a repeated trigger is a repeat of its alert, not another alert
        assertThat(incidents.find(onlyIncident(payments, "payments-0")).orElseThrow().alertCount()).isEqualTo(1);
        assertThat(incidents.alerts(onlyIncident(payments, "payments-0"))).singleElement()
                .extracting(Alert::triggerCount).isEqualTo(5);
        assertThat(incidents.alerts(onlyIncident(payments, "payments-1"))).singleElement()
                .extracting(Alert::triggerCount).isEqualTo(1);
        assertThat(onCall.incidentIds(payments, "already-open")).containsExactly(alreadyOpen);
        assertThat(incidents.find(alreadyOpen).orElseThrow().alertCount()).isEqualTo(1);
        assertThat(incidents.alerts(alreadyOpen)).singleElement().extracting(Alert::triggerCount).isEqualTo(2);

        for (String key : searchKeys.subList(3, 20)) {
            UUID incident = onlyIncident(search, key);
            assertThat(onCall.timeline(incident)).containsExactly("TRIGGERED", "ESCALATED", "NOTIFICATION_QUEUED");
            assertThat(timers(incident)).isEmpty();
            awaitPages(incident, ben, 1);
        }
        UUID acknowledged = onlyIncident(search, "search-1");
        assertThat(incidents.find(acknowledged).orElseThrow().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(onCall.timeline(acknowledged)).containsExactly("TRIGGERED", "ESCALATED", "NOTIFICATION_QUEUED",
                "ACKNOWLEDGED");
        // both opened at the same instant: told apart by what became of them
        Map<IncidentStatus, UUID> searchTwo = onCall.incidentIds(search, "search-2").stream()
                .collect(Collectors.toMap(id -> incidents.find(id).orElseThrow().status(), id -> id));
        assertThat(searchTwo).containsOnlyKeys(IncidentStatus.RESOLVED, IncidentStatus.TRIGGERED);
        assertThat(timers(searchTwo.get(IncidentStatus.RESOLVED))).isEmpty();
        awaitPages(searchTwo.get(IncidentStatus.TRIGGERED), ben, 1);

        for (String key : List.of("quiet-0", "quiet-1")) {
            UUID incident = onlyIncident(quiet, key);
            assertThat(incidents.find(incident).orElseThrow().suppressed()).isTrue();
            assertThat(onCall.timeline(incident)).containsExactly("TRIGGERED", "SUPPRESSED");
            assertThat(timers(incident)).containsExactly("MAINTENANCE_END");
            assertThat(onCall.pagesFor(incident)).isEmpty();
        }
    }

    private UUID onlyIncident(Service service, String dedupKey) {
        List<UUID> ids = onCall.incidentIds(service, dedupKey);
        assertThat(ids).as("incidents of " + dedupKey).hasSize(1);
        return ids.getFirst();
    }

    /** The actions of the incident's timers still to fire. */
    private List<String> timers(UUID incident) {
        return jdbc.sql("select action from timer where incident_id = :id").param("id", incident).query(String.class)
                .list();
    }

    /** Waits until the outbox relay published the incident's pages: this many, all to this user. */
    private void awaitPages(UUID incident, User user, int pages) {
        await().atMost(A_MOMENT).untilAsserted(() -> assertThat(onCall.pagesFor(incident)).hasSize(pages)
                .allMatch(page -> user.id().equals(page.userId())));
    }
}
