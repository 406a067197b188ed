package io.tocsin.standalone;

import static io.tocsin.standalone.RunningTocsin.ADMIN_TOKEN;
import static io.tocsin.standalone.RunningTocsin.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.IntegrationType;
import io.tocsin.routing.service.AlertGrouping;
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
 * its webhook receiver into a service grouping by {@code labels.cluster}, and through its PagerDuty receiver (one
 * Events API v2 event per alert name, the cluster in its {@code details}) into a service grouping by
 * {@code custom_details.cluster}: on each, one incident holds the 50 alerts and pages once, and ending all 50 in
 * Alertmanager resolves it. Skipped, saying so, where the binary is not installed.
 */
class AlertmanagerGroupingIntegrationTest {

    private static final int ALERTS = 50;
    private static final String WEBHOOK_PHONE = "+15554300001";
    private static final String PAGERDUTY_PHONE = "+15554300002";

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
    void fiftyAlertsOfOneClusterBecomeOneIncidentPagedOnceAndResolvedWithTheLastOfThemThroughEitherReceiver()
            throws Exception {
        twilio = new FakeTwilio();
        tocsin = RunningTocsin.start(twilio, Clock.systemUTC());
        String cluster = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
        String webhookKey = tocsin.groupedService("Kubernetes " + cluster, tocsin.smsResponder("Cluster watcher",
                WEBHOOK_PHONE), new AlertGrouping(AlertGrouping.Type.CONTENT, Duration.ofHours(1),
                List.of("labels.cluster")), IntegrationType.ALERTMANAGER);
        String pagerDutyKey = tocsin.groupedService("Kubernetes " + cluster + " by PagerDuty",
                tocsin.smsResponder("Cluster pager", PAGERDUTY_PHONE), new AlertGrouping(AlertGrouping.Type.CONTENT,
                        Duration.ofHours(1), List.of("custom_details.cluster")), IntegrationType.EVENTS_V2);
        // every alert goes to both receivers; the PagerDuty one sends an event per alert name, as teams route theirs
        alertmanager = RealAlertmanager.start("""
                route:
                  receiver: webhook
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                  routes:
                    - receiver: webhook
                      group_by: [cluster]
                      continue: true
                    - receiver: pagerduty
                      group_by: [alertname]
                receivers:
                  - name: webhook
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                  - name: pagerduty
                    pagerduty_configs:
                      - url: %s
                        routing_key: %s
                        description: '{{ .CommonLabels.alertname }} on {{ .CommonLabels.cluster }} (PagerDuty)'
                        details:
                          cluster: '{{ .CommonLabels.cluster }}'
                """.formatted(tocsin.ingestUrl("/integrations/" + webhookKey + "/alertmanager"),
                tocsin.ingestUrl("/v2/enqueue"), pagerDutyKey), workDir);
        Instant startsAt = Instant.now().minusSeconds(60);
        String webhookSummary = "of " + cluster + " is in trouble";
        String pagerDutySummary = "on " + cluster + " (PagerDuty)";

        postAlerts(cluster, startsAt, null);

        String webhookIncident = awaitOneIncidentPagedOnce(webhookSummary, WEBHOOK_PHONE);
        String pagerDutyIncident = awaitOneIncidentPagedOnce(pagerDutySummary, PAGERDUTY_PHONE);

        postAlerts(cluster, startsAt, Instant.now().minusSeconds(1));

        awaitResolvedWithEveryAlert(webhookSummary, webhookIncident);
        awaitResolvedWithEveryAlert(pagerDutySummary, pagerDutyIncident);
    }

    /** The incident whose summary says this holds the 50 alerts, 49 of which joined it, and paged once; its id. */
    private String awaitOneIncidentPagedOnce(String summary, String phone) throws Exception {
        JsonNode incident = await().atMost(Duration.ofSeconds(60)).until(() -> tocsin.incidentAbout(summary),
                found -> found != null && found.path("alertCount").asInt() == ALERTS);
        String id = incident.path("id").asString();
        assertThat(JSON.readTree(tocsin.api("GET", "/api/v1/incidents/" + id + "/alerts", ADMIN_TOKEN).body())
                .path("alerts")).hasSize(ALERTS);
        await().atMost(Duration.ofSeconds(30)).until(() -> !pagesTo(phone).isEmpty());
        assertThat(pagesTo(phone)).as("pages for 50 alerts of one cluster").hasSize(1);
        assertThat(tocsin.timelineMessages(id)).filteredOn(message -> message.contains("joined"))
                .hasSize(ALERTS - 1);
        return id;
    }

    private void awaitResolvedWithEveryAlert(String summary, String id) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> tocsin.incidentAbout(summary).path("status").asString()
                .equals("RESOLVED"));
        assertThat(tocsin.timelineMessages(id)).filteredOn(message -> message.startsWith("alert "))
                .filteredOn(message -> message.contains("resolved by monitor")).hasSize(ALERTS);
    }

    private List<FakeTwilio.SentSms> pagesTo(String phone) {
        return twilio.messages().stream().filter(sms -> sms.to().equals(phone)).toList();
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
