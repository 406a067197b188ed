package io.tocsin.routing.incident;

import static io.tocsin.routing.AdminApi.ok;
import static io.tocsin.routing.OnCall.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.Severity;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** A storm of alerts wakes the on-call person once more than the threshold, and says how big it was. */
@RoutingIntegrationTest
class StormGuardIntegrationTest {

    private static final int THRESHOLD = 20;

    @Autowired
    OnCall onCall;
    @Autowired
    IncidentLifecycle lifecycle;
    @Autowired
    Incidents incidents;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    AdminApi api;

    @Test
    void threeHundredAlertsInTenSecondsPageAtMostThresholdPlusOneTimesAndTheStormCalms() throws Exception {
        User responder = onCall.responder("Storm Watcher");
        onCall.pages(responder, Channel.SMS, "+12015550150", Duration.ZERO);
        Service service = onCall.service(onCall.policy(0, level(Duration.ofMinutes(30), responder)));
        ok(api.call("PUT", "/api/v1/services/" + service.id(), """
                {"name": "%s", "escalationPolicyId": "%s", "stormGuard": {"threshold": %d, "window": "PT2M"}}"""
                .formatted(service.name(), service.escalationPolicyId(), THRESHOLD)), 200);

        // 300 distinct alerts from 30 hosts over 10 s of business time, in polls of 10
        for (int poll = 0; poll < 30; poll++) {
            List<AlertEvent> alerts = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = poll * 10 + i;
                alerts.add(new AlertEvent(UUID.randomUUID(), AlertEvent.SCHEMA_VERSION, AlertAction.TRIGGER,
                        service.id(), UUID.randomUUID(), "EVENTS_V2", "storm-" + n, "Host " + n + " unreachable",
                        Severity.CRITICAL, "host-" + (n % 30), Map.of(), "{}", clock.instant(), clock.instant()));
            }
            transaction.executeWithoutResult(status -> {
                lifecycle.prepare(alerts);
                alerts.forEach(lifecycle::onAlert);
            });
            clock.advance(Duration.ofMillis(333));
        }

        List<UUID> opened = jdbc.sql("select id from incident where service_id = :service order by number")
                .param("service", service.id()).query(UUID.class).list();
        assertThat(opened).hasSize(THRESHOLD + 1);
        long pages = opened.stream().mapToLong(incident -> onCall.timeline(incident).stream()
                .filter("NOTIFICATION_QUEUED"::equals).count()).sum();
        assertThat(pages).as("pages for 300 alerts").isLessThanOrEqualTo(THRESHOLD + 1);
        UUID storm = opened.getLast();
        Incident stormIncident = incidents.find(storm).orElseThrow();
        assertThat(stormIncident.alertCount()).isEqualTo(300 - THRESHOLD);
        assertThat(stormIncident.summary()).startsWith("Alert storm on " + service.name() + ": 21 alerts in 2 min from "
                + "host-0, host-1, host-10, host-11, host-12 and 15 more");
        assertThat(onCall.awaitPage(storm, responder, Channel.SMS).summary()).isEqualTo(stormIncident.summary());

        // two minutes without a new alert: the storm calmed, and the timeline says so
        clock.advance(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> onCall.timeline(storm).contains("STORM_CALMED"));
        assertThat(onCall.timelineMessages(storm)).contains("the storm calmed: no new alert for 2 min (280 alerts in"
                + " the storm)");
    }
}
