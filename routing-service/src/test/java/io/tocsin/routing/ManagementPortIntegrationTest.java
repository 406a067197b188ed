package io.tocsin.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementServerProperties;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * The actuator is served on the management port, bound to loopback unless TOCSIN_MANAGEMENT_BIND_ADDRESS opens it,
 * and not on the port of the admin API, the console and the status pages.
 */
@RoutingIntegrationTest
class ManagementPortIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalManagementPort
    int managementPort;

    @Autowired
    AdminApi api;

    @Autowired
    ManagementServerProperties management;

    @Test
    void theActuatorAnswersOnTheManagementPortOnlyAndOnLoopback() throws Exception {
        assertThat(get("http://127.0.0.1:" + managementPort + "/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get("http://127.0.0.1:" + managementPort + "/actuator/prometheus").body())
                .contains("tocsin_escalation_timer_lateness");

        assertThat(get(api.url("/actuator/health")).statusCode()).isEqualTo(404);
        assertThat(get(api.url("/actuator/prometheus")).statusCode()).isEqualTo(404);
        assertThat(management.getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
