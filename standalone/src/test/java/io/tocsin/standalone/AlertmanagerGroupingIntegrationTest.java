package io.tocsin.standalone;

import static io.tocsin.standalone.RunningTocsin.ADMIN_TOKEN;
import static io.tocsin.standalone.RunningTocsin.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.routing.service.AlertGrouping;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.FakeTwilio;
import io.tocsin.testkit.RealAlertmanager;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}) sends 50 alerts of one cluster through
 * its webhook receiver into a service grouping by {@code labels.cluster}: one incident holds the 50 alerts and pages
 * once, and ending all 50 in Alertmanager resolves it. Skipped, saying so, where the binary is not installed. (Its
 * PagerDuty receiver sends no labels as fields, so content grouping by a label takes the webhook receiver.)
 */
class AlertmanagerGroupingIntegrationTest {

    private static final int ALERTS = 50;

    @TempDir
    Path workDir;

    private FakeTwilio twilio;
    private RunningTocsin tocsin;
    private RealAlertmanager alertmanager;

    @BeforeEach
    void requireAlertmanager() {
        RealAlertmanager.assumeInstalled();
    }

    @AfterEach
    void stop() throws Exception {
        if (alertmanager != null) {
            alertmanager.close();
        }
        RunningTocsin.stop(tocsin, twilio);
    }

    @Test
    void fiftyAlertsOfOneClusterBecomeOneIncidentPagedOnceAndResolvedWithTheLastOfThem() throws Exception {
        twilio = new FakeTwilio();
        tocsin = RunningTocsin.start(twilio, Clock.systemUTC());
        User responder = tocsin.smsResponder("Cluster watcher", "+15554300001");
        String cluster = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
        String key = tocsin.alertmanagerService("Kubernetes " + cluster, responder, new AlertGrouping(
                AlertGrouping.Type.CONTENT, Duration.ofHours(1), List.of("labels.cluster")));
        alertmanager = RealAlertmanager.start("""
                route:
                  receiver: tocsin
                  group_by: [cluster]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: tocsin
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                """.formatted(tocsin.ingestUrl("/integrations/" + key + "/alertmanager")), workDir);
        Instant startsAt = Instant.now().minusSeconds(60);

        postAlerts(cluster, startsAt, null);

        JsonNode incident = await().atMost(Duration.ofSeconds(60)).until(() -> tocsin.incidentAbout(cluster),
                found -> found != null && found.path("alertCount").asInt() == ALERTS);
        String id = incident.path("id").asString();
        assertThat(JSON.readTree(tocsin.api("GET", "/api/v1/incidents/" + id + "/alerts", ADMIN_TOKEN).body())
                .path("alerts")).hasSize(ALERTS);
        await().atMost(Duration.ofSeconds(30)).until(() -> !pagesAbout(cluster).isEmpty());
        assertThat(pagesAbout(cluster)).as("pages for 50 alerts of one cluster").hasSize(1);
        assertThat(tocsin.timelineMessages(id)).filteredOn(message -> message.contains("joined"))
                .hasSize(ALERTS - 1);

        postAlerts(cluster, startsAt, Instant.now().minusSeconds(1));

        await().atMost(Duration.ofSeconds(60)).until(() -> tocsin.incidentAbout(cluster).path("status").asString()
                .equals("RESOLVED"));
        assertThat(tocsin.timelineMessages(id)).filteredOn(message -> message.startsWith("alert "))
                .filteredOn(message -> message.contains("resolved by monitor")).hasSize(ALERTS);
    }

    private List<FakeTwilio.SentSms> pagesAbout(String cluster) {
        return twilio.messages().stream().filter(sms -> sms.body().contains(cluster)).toList();
    }

    /** The cluster's 50 alerts, one per node and alert name, fired (or ended at {@code endsAt}). */
    private void postAlerts(String cluster, Instant startsAt, Instant endsAt) throws Exception {
        List<String> alerts = new ArrayList<>();
        for (int i = 0; i < ALERTS; i++) {
            alerts.add("""
                    {"labels": {"alertname": "NodeProblem%d", "instance": "node-%d", "cluster": "%s", "severity": "critical"},
                     "annotations": {"summary": "Node %d of %s is in trouble"}, "startsAt": "%s"%s}"""
                    .formatted(i, i, cluster, i, cluster, startsAt,
                            endsAt == null ? "" : ", \"endsAt\": \"" + endsAt + "\""));
        }
        HttpResponse<String> response = alertmanager.postAlerts("[" + String.join(",", alerts) + "]");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
