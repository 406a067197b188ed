package io.tocsin.ingest;

import static io.tocsin.ingest.PagerDutyApiIntegrationTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.intake.Fixtures;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Bad requests get the right 4xx as an RFC 9457 problem that says what to do, are counted, and publish nothing:
 * each test sends the bad request, then one good marker event, and checks the marker is all that arrived.
 */
class RejectionsIntegrationTest extends IngestHttpTest {

    private static final String MARKER = "{\"summary\":\"marker\",\"dedup\":\"marker\"}";

    @Autowired
    MeterRegistry meters;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            too large             | 413 | too-large              | The body is larger than 512 KB
            XML                   | 415 | unsupported-media-type | Content-Type application/xml is not accepted here; send application/json
            broken JSON           | 400 | malformed              | The body is not valid JSON: Unexpected end-of-input
            a JSON array          | 400 | malformed              | The body must be a JSON object, not array
            an empty body         | 400 | malformed              | The body is empty: send a JSON object
            no alerts             | 400 | invalid                | 'alerts' is missing or empty; expected the alertmanager webhook format
            """)
    void badBodiesAreRefusedWithAProblemThatNamesIt(String what, int status, String type, String detail) {
        TestIntegration alertmanager = integration(IntegrationType.ALERTMANAGER);
        String path = "/integrations/" + alertmanager.key() + "/alertmanager";
        Map<String, Function<String, HttpResponse<String>>> requests = Map.of(
                "too large", p -> postJson(p, "{\"alerts\":[],\"padding\":\"" + "x".repeat(600 * 1024) + "\"}"),
                "XML", p -> post(p, "application/xml", "<alerts/>"),
                "broken JSON", p -> postJson(p, "{\"version\": \"4\", \"alerts\": ["),
                "a JSON array", p -> postJson(p, "[]"),
                "an empty body", p -> postJson(p, ""),
                "no alerts", p -> postJson(p, Fixtures.text("alertmanager/malformed-no-alerts.json")));
        double rejectedBefore = rejected("ALERTMANAGER", type);

        HttpResponse<String> response = requests.get(what).apply(path);

        assertProblem(response, status, type, detail);
        assertThat(rejected("ALERTMANAGER", type)).isEqualTo(rejectedBefore + 1);
        postJson(path, """
                {"status":"firing","alerts":[{"status":"firing","labels":{"alertname":"marker"},"fingerprint":"marker"}]}""");
        assertOnlyTheMarkerWasPublished(alertmanager, "marker");
    }

    @Test
    void aMultipartBodyOverTheLimitIsTooLargeToo() {
        TestIntegration kuma = integration(IntegrationType.UPTIME_KUMA);
        String boundary = "----kuma" + System.nanoTime();
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\n"
                + "x".repeat(600 * 1024) + "\r\n--" + boundary + "--\r\n";

        HttpResponse<String> response = post("/integrations/" + kuma.key() + "/uptime-kuma",
                "multipart/form-data; boundary=" + boundary, multipart);

        assertProblem(response, 413, "too-large", "The multipart body is larger than the limit");
        postJson("/integrations/" + kuma.key() + "/uptime-kuma", Fixtures.text("uptimekuma/down.json"));
        assertOnlyTheMarkerWasPublished(kuma, "uptime-kuma/monitor/7");
    }

    @Test
    void keysThatAreUnknownDisabledMissingOrOfAnotherTypeAreRefusedSayingWhy() {
        TestIntegration disabled = announce(IntegrationType.GENERIC, Map.of(), false);
        TestIntegration rotatedAway = announce(IntegrationType.GENERIC, Map.of(), false,
                Instant.parse("2026-03-02T12:00:00Z"));
        TestIntegration grafana = integration(IntegrationType.GRAFANA);

        assertProblem(postJson("/integrations/0123456789abcdef0123456789abcdef/generic", MARKER), 404,
                "unknown-key", "No Tocsin integration has this key");
        assertProblem(postJson("/integrations/" + disabled.key() + "/generic", MARKER), 403, "disabled",
                "This integration is disabled");
        assertProblem(postJson("/integrations/" + rotatedAway.key() + "/generic", MARKER), 403, "key-expired",
                "This key was replaced when the integration's key was rotated, and stopped working at"
                        + " 2026-03-02T12:00:00Z: send events with the new key");
        assertProblem(postJson("/integrations/generic", MARKER), 401, "missing-key",
                "No integration key: put it in the path (/integrations/{key}/generic), or send it in the "
                        + "X-Tocsin-Integration-Key header or as Authorization: Bearer <key>");
        assertProblem(postJson("/integrations/" + grafana.key() + "/generic", MARKER), 400, "wrong-type",
                "This key belongs to a GRAFANA (Grafana) integration, not a GENERIC (generic webhook) one: send its "
                        + "events to /integrations/{key}/grafana");
        assertProblem(postJson("/integrations/" + grafana.key() + "/nagios", MARKER), 404, "unknown-type",
                "No integration type is called 'nagios'; use one of alertmanager, grafana, generic, uptime-kuma, "
                        + "uptimerobot, pingdom, cloudwatch, heartbeat");
        assertThat(published(disabled)).isEmpty();
        postJson("/integrations/" + grafana.key() + "/grafana", Fixtures.text("grafana/firing.json"));
        assertOnlyTheMarkerWasPublished(grafana, "57c6d9296de2ad39");
    }

    @Test
    void aFloodIsRateLimitedPerIntegrationWithRetryAfter() {
        TestIntegration flooded = integration(IntegrationType.GENERIC,
                Map.of("rate-limit.per-minute", "2", "rate-limit.burst", "1"));
        TestIntegration neighbour = integration(IntegrationType.GENERIC,
                Map.of("rate-limit.per-minute", "2", "rate-limit.burst", "1"));
        String path = "/integrations/" + flooded.key() + "/generic";

        HttpResponse<String> first = postJson(path, MARKER);
        HttpResponse<String> second = postJson(path, "{\"summary\":\"too soon\"}");
        HttpResponse<String> neighbours = postJson("/integrations/" + neighbour.key() + "/generic", MARKER);

        assertThat(first.statusCode()).isEqualTo(202);
        assertProblem(second, 429, "rate-limited", "Too many requests for this integration; retry in");
        assertThat(second.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Integer.parseInt(seconds)).isBetween(1, 30));
        assertThat(neighbours.statusCode()).isEqualTo(202);
        assertOnlyTheMarkerWasPublished(flooded, "marker");
    }

    @Test
    void pagerDutyClientsAreRateLimitedInPagerDutysShape() {
        TestIntegration service = integration(IntegrationType.EVENTS_V2, Map.of("rate-limit.per-minute", "1",
                "rate-limit.burst", "1"));
        String resolve = "{\"routing_key\":\"%s\",\"event_action\":\"resolve\",\"dedup_key\":\"%s\"}";

        postJson("/v2/enqueue", resolve.formatted(service.key(), "marker"));
        HttpResponse<String> limited = postJson("/v2/enqueue", resolve.formatted(service.key(), "too-soon"));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(limited).get("status").asString()).isEqualTo("throttle event");
        assertOnlyTheMarkerWasPublished(service, "marker");
    }

    private double rejected(String type, String reason) {
        var counter = meters.find("tocsin.ingest.requests.rejected").tag("integration.type", type)
                .tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo("urn:tocsin:problem:" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).startsWith(detail);
        assertThat(problem.has("title")).isTrue();
    }
}
