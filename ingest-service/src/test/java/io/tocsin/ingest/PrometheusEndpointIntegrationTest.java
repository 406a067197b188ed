package io.tocsin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.IntegrationType;
import io.tocsin.testkit.MonitoredMetrics;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/** Every ingest metric Tocsin's alert rules and dashboard (deploy/) use is on /actuator/prometheus. */
class PrometheusEndpointIntegrationTest extends IngestHttpTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void theMetricsTheAlertRulesAndDashboardUseAreExposed() {
        // counters tagged per integration type and reason appear with their first event
        TestIntegration generic = integration(IntegrationType.GENERIC);
        assertThat(postJson("/integrations/" + generic.key() + "/generic", "{\"summary\":\"scraped\"}").statusCode())
                .isEqualTo(202);
        assertThat(postJson("/integrations/0123456789abcdef0123456789abcdef/generic", "{}").statusCode())
                .isEqualTo(404);

        assertThat(MonitoredMetrics.of("ingest")).isNotEmpty();
        assertThat(MonitoredMetrics.scrape(prometheus())).containsAll(MonitoredMetrics.of("ingest"));
    }

    @Test
    void theBindersObservedSendsAreTimedNotRefusedForAnotherTemplatesTags() {
        TestIntegration generic = integration(IntegrationType.GENERIC);
        assertThat(postJson("/integrations/" + generic.key() + "/generic", "{\"summary\":\"timed\"}").statusCode())
                .isEqualTo(202);

        assertThat(send(HttpRequest.newBuilder(prometheus()).GET()).body())
                .containsPattern("spring_kafka_template_seconds_count\\{[^}]*messaging_destination_name=\"tocsin.alerts.v1\"");
    }

    /** On the management port, not the webhooks' port. */
    private URI prometheus() {
        return URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus");
    }
}
