package io.tocsin.routing.auth;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.AdminApi;
import io.tocsin.routing.RoutingIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Health is open to probes; Prometheus metrics want any token, the rest of the actuator an admin token. */
@RoutingIntegrationTest
class ActuatorAccessIntegrationTest {

    @Autowired
    AdminApi api;

    @Test
    void healthIsOpenAndMetricsNeedAnAdminToken() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(api.url("/actuator/health")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(api.url("/actuator/metrics")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok(anonymous, 401).path("detail").asString()).contains("Authorization: Bearer");

        assertThat(ok(api.call("GET", "/actuator/metrics", null), 200).path("names").toString())
                .contains("tocsin.escalation.timer.lateness");
        String readOnly = ok(api.call("POST", "/api/v1/api-tokens", "{\"name\":\"grafana\",\"role\":\"READ_ONLY\"}"), 201)
                .path("token").asString();
        assertThat(ok(api.call(readOnly, "GET", "/actuator/metrics", null), 403).path("detail").asString())
                .contains("READ_ONLY", "needs an ADMIN token");
        // a scraper's read-only token reads the Prometheus metrics, nothing else of the actuator
        HttpResponse<String> scraped = api.call(readOnly, "GET", "/actuator/prometheus", null);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("tocsin_escalation_timer_lateness");
        HttpResponse<String> anonymousScrape = http.send(HttpRequest.newBuilder(
                URI.create(api.url("/actuator/prometheus"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymousScrape.statusCode()).isEqualTo(401);
    }
}
