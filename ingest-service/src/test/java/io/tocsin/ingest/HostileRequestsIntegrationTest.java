package io.tocsin.ingest;

import static io.tocsin.ingest.PagerDutyApiIntegrationTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.intake.Fixtures;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests an attacker or a broken monitor might send: each is refused with a 4xx and publishes nothing (a good
 * marker event sent afterwards is all the service ever gets), or is accepted with its text kept verbatim — escaping
 * is the job of whoever renders it (the notifier's email, Slack and SMS pages), never of ingest.
 */
class HostileRequestsIntegrationTest extends IngestHttpTest {

    private static final String MARKER = "{\"summary\":\"marker\",\"dedup\":\"marker\"}";
    private static final int DEEP = 100_000;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"array", "object"})
    void deeplyNestedJsonIsA400NotAStackOverflow(String nesting) {
        TestIntegration generic = integration(IntegrationType.GENERIC);
        String deep = nesting.equals("array") ? "[".repeat(DEEP) : "{\"a\":".repeat(DEEP);

        HttpResponse<String> response = postJson(genericPath(generic), "{\"summary\":" + deep);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("type").asString()).isEqualTo("urn:tocsin:problem:malformed");
        assertThat(json(response).path("detail").asString()).contains("nesting depth");
        postJson(genericPath(generic), MARKER);
        assertOnlyTheMarkerWasPublished(generic, "marker");
    }

    @Test
    void deeplyNestedJsonToTheEventsApiIsAPagerDutyStyle400() {
        TestIntegration eventsV2 = integration(IntegrationType.EVENTS_V2);

        HttpResponse<String> response = postJson("/v2/enqueue", "{\"routing_key\":\"" + eventsV2.key()
                + "\",\"event_action\":\"trigger\",\"payload\":" + "[".repeat(DEEP));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("status").asString()).isEqualTo("invalid event");
        assertOnlyTheEventsApiMarkerWasPublished(eventsV2);
    }

    @Test
    void anOversizedFormOrEventsApiBodyIsA413() {
        TestIntegration generic = integration(IntegrationType.GENERIC);
        TestIntegration eventsV2 = integration(IntegrationType.EVENTS_V2);
        String padding = "x".repeat(600 * 1024);

        HttpResponse<String> form = post(genericPath(generic), "application/x-www-form-urlencoded",
                "summary=big&details=" + padding);
        HttpResponse<String> enqueue = postJson("/v2/enqueue", "{\"routing_key\":\"" + eventsV2.key()
                + "\",\"event_action\":\"trigger\",\"padding\":\"" + padding + "\"}");

        assertThat(form.statusCode()).isEqualTo(413);
        assertThat(enqueue.statusCode()).isEqualTo(413);
        postJson(genericPath(generic), MARKER);
        assertOnlyTheMarkerWasPublished(generic, "marker");
        assertOnlyTheEventsApiMarkerWasPublished(eventsV2);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"/x", "\"/tiv  g}2,", "a/b; c=\"d"})
    void anUnparseableContentTypeIsA415(String contentType) {
        TestIntegration kuma = integration(IntegrationType.UPTIME_KUMA);

        HttpResponse<String> response = post("/integrations/" + kuma.key() + "/uptime-kuma", contentType, MARKER);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response).path("detail").asString()).contains("cannot be parsed");
        postJson("/integrations/" + kuma.key() + "/uptime-kuma", Fixtures.text("uptimekuma/down.json"));
        assertOnlyTheMarkerWasPublished(kuma, "uptime-kuma/monitor/7");
    }

    @Test
    void invalidUtf8IsKeptAsReplacementCharactersNeverAsBrokenText() {
        TestIntegration generic = integration(IntegrationType.GENERIC);
        byte[] body = bytes("{\"summary\":\"disk ", new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF},
                " full\",\"dedup\":\"utf8\"}");

        HttpResponse<String> response = send(HttpRequest.newBuilder(url(genericPath(generic)))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(awaitPublished(generic, 1)).singleElement().extracting(AlertEvent::summary)
                .isEqualTo("disk \uFFFD(\uFFFD full");
    }

    @Test
    void sqlMetacharactersCrlfAndHtmlInEveryFreeTextFieldAreKeptVerbatim() {
        TestIntegration generic = integration(IntegrationType.GENERIC);
        String hostile = "Robert'); DROP TABLE incident;-- \" \\ % _ \r\nBcc: victim@example.org <script>x</script>";
        Map<String, String> form = Map.of("summary", hostile, "source", hostile, "dedup", hostile,
                "details", hostile, "severity", "critical");
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).reduce((a, b) -> a + "&" + b).orElseThrow();

        HttpResponse<String> response = post(genericPath(generic), "application/x-www-form-urlencoded", body);

        assertThat(response.statusCode()).isEqualTo(202);
        AlertEvent event = awaitPublished(generic, 1).getFirst();
        assertThat(event.summary()).isEqualTo(hostile);
        assertThat(event.source()).isEqualTo(hostile);
        assertThat(event.dedupKey()).isEqualTo(hostile);
        assertThat(event.details()).containsValue(hostile);
    }

    @Test
    void aForgedSnsMessageIsA403AndPublishesNothing() {
        TestIntegration cloudwatch = integration(IntegrationType.CLOUDWATCH);
        String forged = sns.notification("{\"AlarmName\":\"x\",\"NewStateValue\":\"ALARM\"}", "2")
                .replace("\"NewStateValue\\\":\\\"ALARM", "\"NewStateValue\\\":\\\"OK");

        HttpResponse<String> response = post("/integrations/" + cloudwatch.key() + "/cloudwatch", "text/plain",
                forged);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).path("type").asString()).isEqualTo("urn:tocsin:problem:signature-invalid");
        post("/integrations/" + cloudwatch.key() + "/cloudwatch", "text/plain",
                sns.notification("{\"AlarmName\":\"x\",\"NewStateValue\":\"ALARM\"}", "2"));
        assertThat(awaitPublished(cloudwatch, 1)).singleElement().extracting(AlertEvent::action)
                .isEqualTo(AlertAction.TRIGGER);
    }

    private void assertOnlyTheEventsApiMarkerWasPublished(TestIntegration eventsV2) {
        postJson("/v2/enqueue", "{\"routing_key\":\"" + eventsV2.key() + "\",\"event_action\":\"trigger\","
                + "\"dedup_key\":\"marker\",\"payload\":{\"summary\":\"m\",\"source\":\"m\",\"severity\":\"info\"}}");
        assertOnlyTheMarkerWasPublished(eventsV2, "marker");
    }

    private static String genericPath(TestIntegration integration) {
        return "/integrations/" + integration.key() + "/generic";
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }
}
