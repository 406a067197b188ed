package io.tocsin.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Topics;
import io.tocsin.testkit.MonitoredMetrics;
import io.tocsin.testkit.TestKafka;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/** Every routing metric Tocsin's alert rules and dashboard (deploy/) use is on /actuator/prometheus. */
@RoutingIntegrationTest
class PrometheusEndpointIntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void theMetricsTheAlertRulesAndDashboardUseAreExposed() {
        URI endpoint = URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus");
        // the dead-letter counter appears with the first dead letter: one command routing cannot read
        TestKafka.send(Topics.COMMANDS, UUID.randomUUID().toString(), Map.of("type", "NOT_A_COMMAND", "incidentId", "x"));

        assertThat(MonitoredMetrics.of("routing")).isNotEmpty();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(MonitoredMetrics.scrape(endpoint))
                        .containsAll(MonitoredMetrics.of("routing")));
    }
}
