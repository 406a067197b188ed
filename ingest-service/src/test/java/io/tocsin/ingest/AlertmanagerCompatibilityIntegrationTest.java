package io.tocsin.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.IntegrationType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
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

    private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    @TempDir
    Path workDir;

    private Process alertmanager;
    private int alertmanagerPort;

    @BeforeEach
    void requireAlertmanager() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "Prometheus Alertmanager is not installed at " + BINARY
                + " (apt-get install prometheus-alertmanager): skipping the real-Alertmanager compatibility test");
    }

    @AfterEach
    void stopAlertmanager() throws InterruptedException, IOException {
        if (alertmanager != null) {
            alertmanager.destroy();
            if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            // into the test's output, for when a receiver did not get through
            System.out.println("Alertmanager's log:\n" + Files.readString(workDir.resolve("alertmanager.log")));
        }
    }

    @Test
    void anAlertFiredAndEndedInAlertmanagerTriggersAndResolvesThroughBothReceivers() throws Exception {
        TestIntegration webhook = integration(IntegrationType.ALERTMANAGER);
        TestIntegration pagerDuty = integration(IntegrationType.EVENTS_V2);
        start("""
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
                """.formatted(port, webhook.key(), pagerDuty.key()));
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

    private void start(String config) throws IOException {
        Path configFile = Files.writeString(workDir.resolve("alertmanager.yml"), config);
        alertmanagerPort = freePort();
        alertmanager = new ProcessBuilder(BINARY.toString(),
                "--config.file=" + configFile,
                "--storage.path=" + Files.createDirectories(workDir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + alertmanagerPort,
                "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("alertmanager.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> send(HttpRequest.newBuilder(
                alertmanagerUrl("/-/ready")).timeout(Duration.ofSeconds(2)).GET()).statusCode() == 200);
    }

    private void postAlert(Instant startsAt, Instant endsAt) {
        String alert = """
                [{"labels": {"alertname": "TocsinCompatibility", "instance": "db-1", "severity": "critical"},
                  "annotations": {"summary": "Disk almost full on db-1"},
                  "startsAt": "%s"%s}]""".formatted(startsAt,
                endsAt == null ? "" : ", \"endsAt\": \"" + endsAt + "\"");
        HttpResponse<String> response = send(HttpRequest.newBuilder(alertmanagerUrl("/api/v2/alerts"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alert)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private AlertEvent awaitAction(TestIntegration integration, AlertAction action) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> published(integration).stream()
                .filter(event -> event.action() == action).findFirst(), found -> found.isPresent()).orElseThrow();
    }

    private URI alertmanagerUrl(String path) {
        return URI.create("http://127.0.0.1:" + alertmanagerPort + path);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
