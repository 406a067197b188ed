package io.tocsin.routing.incident;

import static io.tocsin.routing.AdminApi.ok;
import static io.tocsin.routing.OnCall.level;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentCommand.CommandType;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.service.Services;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** A service's alerts grouped into incidents: by time or by content, resolved per its resolveWhen, paged once. */
@RoutingIntegrationTest
class AlertGroupingIntegrationTest {

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
    @Autowired
    AdminApi api;

    private User responder;

    @BeforeEach
    void responder() {
        responder = onCall.responder("Grace");
        onCall.pages(responder, Channel.SMS, "+12015550140", Duration.ZERO);
    }

    @Test
    void alertsWithinTheTimeWindowJoinTheIncidentAndPageNobodyAgain() throws Exception {
        Service service = grouped("""
                {"type": "TIME", "window": "PT5M"}""", "ALL_ALERTS");

        apply(trigger(service, "disk-db-1", "Disk full on db-1"));
        UUID incident = onCall.incidentId(service, "disk-db-1");
        clock.advance(Duration.ofMinutes(4));
        apply(trigger(service, "disk-db-2", "Disk full on db-2"), trigger(service, "disk-db-3", "Disk full on db-3"));
        clock.advance(Duration.ofMinutes(1));
        apply(trigger(service, "disk-db-4", "Disk full on db-4"));

        assertThat(incidents.find(incident).orElseThrow().alertCount()).isEqualTo(3);
        assertThat(incidents.alerts(incident)).extracting(Alert::dedupKey)
                .containsExactly("disk-db-1", "disk-db-2", "disk-db-3");
        assertThat(onCall.timelineMessages(incident))
                .contains("alert disk-db-2 joined: Disk full on db-2 (2 alerts)",
                        "alert disk-db-3 joined: Disk full on db-3 (3 alerts)");
        assertThat(onCall.timeline(incident)).filteredOn("NOTIFICATION_QUEUED"::equals).hasSize(1);
        // the window had passed for the fourth: an incident of its own
        assertThat(onCall.incidentIds(service, "disk-db-4")).hasSize(1).doesNotContain(incident);
    }

    @Test
    void contentGroupingJoinsAlertsWithTheSameValuesAndAnIncidentResolvesOnceAllItsAlertsDid() throws Exception {
        Service service = grouped("""
                {"type": "CONTENT", "fields": ["labels.cluster"], "window": "PT1H"}""", "ALL_ALERTS");

        apply(trigger(service, "cpu", "CPU high", "eu-1"), trigger(service, "mem", "Memory high", "eu-1"),
                trigger(service, "net", "Network down", "us-1"));
        UUID eu = onCall.incidentId(service, "cpu");
        assertThat(incidents.alerts(eu)).extracting(Alert::dedupKey).containsExactly("cpu", "mem");
        assertThat(onCall.incidentId(service, "net")).isNotEqualTo(eu);

        // a responder's answer acts on the whole incident, and a later alert of the group still joins it
        onCall.command(eu, CommandType.ACKNOWLEDGE, responder, Channel.SMS);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                incidents.find(eu).orElseThrow().status() == IncidentStatus.ACKNOWLEDGED);
        apply(trigger(service, "disk", "Disk full", "eu-1"));
        assertThat(incidents.find(eu).orElseThrow().alertCount()).isEqualTo(3);

        apply(event(service, AlertAction.RESOLVE, "cpu"), event(service, AlertAction.RESOLVE, "mem"));
        assertThat(incidents.find(eu).orElseThrow().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(onCall.timelineMessages(eu)).contains("alert mem resolved by monitor via EVENTS_V2: 1 of 3 alerts"
                + " still triggered");
        apply(event(service, AlertAction.RESOLVE, "disk"));
        assertThat(incidents.find(eu).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(incidents.alerts(eu)).extracting(Alert::status).containsOnly(Alert.Status.RESOLVED);

        // the group's incident is resolved: the next alert of the group opens a new one
        apply(trigger(service, "cpu", "CPU high again", "eu-1"));
        assertThat(onCall.incidentIds(service, "cpu")).hasSize(2);
    }

    @Test
    void withFirstResolveTheFirstAlertToResolveResolvesTheIncidentAndItsOtherAlerts() throws Exception {
        Service service = grouped("""
                {"type": "TIME", "window": "PT10M"}""", "FIRST_RESOLVE");
        apply(trigger(service, "a", "A down"), trigger(service, "b", "B down"));
        UUID incident = onCall.incidentId(service, "a");

        apply(event(service, AlertAction.RESOLVE, "b"));

        assertThat(incidents.find(incident).orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(incidents.alerts(incident)).extracting(Alert::status).containsOnly(Alert.Status.RESOLVED);
    }

    /** Two routing instances apply alerts of one group at the same moment: they join one incident, once each. */
    @Test
    void alertsOfOneGroupAppliedAtOnceInTwoTransactionsJoinOneIncident() throws Exception {
        Service service = grouped("""
                {"type": "CONTENT", "fields": ["labels.cluster"], "window": "PT1H"}""", "ALL_ALERTS");
        try (ExecutorService instances = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 10; round++) {
                String cluster = "cluster-" + round;
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<?>> applied = List.of("left", "right").stream().map(side -> instances.submit(() -> {
                    AlertEvent alert = trigger(service, side + "-" + cluster, side + " down", cluster);
                    together.await();
                    apply(alert);
                    return null;
                })).<Future<?>>map(future -> future).toList();
                for (Future<?> future : applied) {
                    future.get();
                }
                List<UUID> opened = jdbc.sql("select distinct incident_id from alert where service_id = :service"
                                + " and dedup_key in (:keys)")
                        .param("service", service.id())
                        .param("keys", List.of("left-" + cluster, "right-" + cluster))
                        .query(UUID.class).list();
                assertThat(opened).as("incidents of " + cluster).hasSize(1);
                assertThat(incidents.find(opened.getFirst()).orElseThrow().alertCount()).isEqualTo(2);
            }
        }
    }

    @Test
    void settingsThatDoNotMakeSenseAreRefusedSayingWhy() throws Exception {
        Service service = onCall.service(null);
        HttpResponse<String> refused = api.call("PUT", "/api/v1/services/" + service.id(), """
                {"name": "checkout", "alertGrouping": {"type": "CONTENT", "window": "PT1H"}}""");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("'alertGrouping.fields' must name at least one field");
        HttpResponse<String> noWindow = api.call("PUT", "/api/v1/services/" + service.id(), """
                {"name": "checkout", "stormGuard": {"threshold": 20}}""");
        assertThat(noWindow.statusCode()).isEqualTo(400);
        assertThat(noWindow.body()).contains("'stormGuard.window' must be at least PT1S");
    }

    /** A service paging the responder, its alerts grouped so, created through the API. */
    private Service grouped(String alertGrouping, String resolveWhen) throws Exception {
        Service service = onCall.service(onCall.policy(0, level(Duration.ofMinutes(10), responder)));
        ok(api.call("PUT", "/api/v1/services/" + service.id(), """
                {"name": "%s", "escalationPolicyId": "%s", "alertGrouping": %s, "resolveWhen": "%s"}"""
                .formatted(service.name(), service.escalationPolicyId(), alertGrouping, resolveWhen)), 200);
        return services.find(service.id()).orElseThrow();
    }

    private AlertEvent trigger(Service service, String dedupKey, String summary) {
        return trigger(service, dedupKey, summary, "eu-1");
    }

    private AlertEvent trigger(Service service, String dedupKey, String summary, String cluster) {
        return onCall.event(service, AlertAction.TRIGGER, dedupKey, summary,
                Map.of("labels", Map.of("cluster", cluster)));
    }

    private AlertEvent event(Service service, AlertAction action, String dedupKey) {
        return onCall.event(service, action, dedupKey, null, Map.of());
    }

    /** Applies the alerts as one poll, as the batch consumer does. */
    private void apply(AlertEvent... poll) {
        transaction.executeWithoutResult(status -> {
            lifecycle.prepare(List.of(poll));
            List.of(poll).forEach(lifecycle::onAlert);
        });
    }
}
