package io.tocsin.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.testkit.RealAlertmanager;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}) sends to ingest through both its
 * webhook receiver and its PagerDuty Events v2 receiver: an alert fired through its API opens an incident on each
 * path, and the same alert ended closes both. Skipped, saying so, where the binary is not installed. (Alertmanager
 * 0.25 ignores {@code url} in its v1 {@code service_key} mode and always posts to PagerDuty itself, so that mode
 * cannot be pointed at ingest here; the v1 endpoint is tested with PagerDuty's documented payloads instead.)
 */
class AlertmanagerCompatibilityIntegrationTest extends IngestHttpTest {

    @TempDir
    Path workDir;

    private RealAlertmanager alertmanager;

    @BeforeEach
    void requireAlertmanager() {
        RealAlertmanager.assumeInstalled();
    }

    @AfterEach
    void stopAlertmanager() throws Exception {
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    @Test
    void anAlertFiredAndEndedInAlertmanagerTriggersAndResolvesThroughBothReceivers() throws Exception {
        TestIntegration webhook = integration(IntegrationType.ALERTMANAGER);
        TestIntegration pagerDuty = integration(IntegrationType.EVENTS_V2);
        alertmanager = RealAlertmanager.start("""
                route:
                  receiver: tocsin
                  group_by: [alertname]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: tocsin
                    webhook_configs:
                      - url: http://127.0.0.1:%1$d/integrations/%2$s/alertmanager
                        send_resolved: true
                    pagerduty_configs:
                      - routing_key: %3$s
                        url: http://127.0.0.1:%1$d/v2/enqueue
                        send_resolved: true
                """.formatted(port, webhook.key(), pagerDuty.key()), workDir);
        Instant startsAt = Instant.now().minusSeconds(60);

        postAlert(startsAt, null);
        AlertEvent webhookTrigger = awaitAction(webhook, AlertAction.TRIGGER);
        AlertEvent pagerDutyTrigger = awaitAction(pagerDuty, AlertAction.TRIGGER);
        postAlert(startsAt, Instant.now().minusSeconds(1));
        AlertEvent webhookResolve = awaitAction(webhook, AlertAction.RESOLVE);
        AlertEvent pagerDutyResolve = awaitAction(pagerDuty, AlertAction.RESOLVE);

        assertThat(webhookTrigger.summary()).isEqualTo("Disk almost full on db-1");
        assertThat(webhookTrigger.dedupKey()).hasSize(16).isEqualTo(webhookResolve.dedupKey());
        assertThat(pagerDutyTrigger.summary()).contains("TocsinCompatibility");
        assertThat(pagerDutyTrigger.dedupKey()).isEqualTo(pagerDutyResolve.dedupKey());
        assertThat(webhookTrigger.integrationType()).isEqualTo("ALERTMANAGER");
        assertThat(pagerDutyTrigger.integrationType()).isEqualTo("EVENTS_V2");
    }

    private void postAlert(Instant startsAt, Instant endsAt) throws Exception {
        String alert = """
                [{"labels": {"alertname": "TocsinCompatibility", "instance": "db-1", "severity": "critical"},
                  "annotations": {"summary": "Disk almost full on db-1"},
                  "startsAt": "%s"%s}]""".formatted(startsAt,
                endsAt == null ? "" : ", \"endsAt\": \"" + endsAt + "\"");
        HttpResponse<String> response = alertmanager.postAlerts(alert);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private AlertEvent awaitAction(TestIntegration integration, AlertAction action) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> published(integration).stream()
                .filter(event -> event.action() == action).findFirst(), found -> found.isPresent()).orElseThrow();
    }
}
