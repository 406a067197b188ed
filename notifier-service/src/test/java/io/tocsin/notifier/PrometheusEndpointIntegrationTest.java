package io.tocsin.notifier;

import static io.tocsin.notifier.TestPages.toUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.testkit.MonitoredMetrics;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/** Every notifier metric Tocsin's alert rules and dashboard (deploy/) use is on /actuator/prometheus. */
class PrometheusEndpointIntegrationTest extends NotifierIntegrationTestBase {

    @LocalManagementPort
    int managementPort;

    @Test
    void theMetricsTheAlertRulesAndDashboardUseAreExposed() {
        // page outcomes are counted per channel and status from the first page on
        NotificationRequested page = toUser(Channel.CONSOLE, "console", "Scraped");
        request(page);
        reportOf(page);

        assertThat(MonitoredMetrics.of("notifier")).isNotEmpty();
        assertThat(MonitoredMetrics.scrape(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")))
                .containsAll(MonitoredMetrics.of("notifier"));
    }
}
