package io.tocsin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.Severity;
import io.tocsin.ingest.intake.Fixtures;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tool configured for PagerDuty, with only the URL changed, gets PagerDuty's answers and pages through Tocsin. */
class PagerDutyApiIntegrationTest extends IngestHttpTest {

    @Test
    void aTriggerIsAcceptedLikePagerDutyAndStoredWithEverythingItSaid() {
        TestIntegration service = integration(IntegrationType.EVENTS_V2);
        String body = fixture("eventsv2/trigger-full.json", service);

        HttpResponse<String> response = postJson("/v2/enqueue", body);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response)).isEqualTo(json("""
                {"status":"success","message":"Event processed","dedup_key":"disk-db-1"}"""));
        AlertEvent event = awaitPublished(service, 1).getFirst();
        assertThat(event.action()).isEqualTo(AlertAction.TRIGGER);
        assertThat(event.integrationType()).isEqualTo("EVENTS_V2");
        assertThat(event.integrationId()).isEqualTo(service.integrationId());
        assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(event.details()).containsKeys("images", "links", "client", "client_url", "custom_details");
        // the stored copy of the request keeps everything but the key, which Tocsin keeps only as a hash
        assertThat(event.rawPayload()).isEqualTo(body.replace(service.key(), "[integration key]"))
                .doesNotContain(service.key());
    }

    @Test
    void nulsAndLoneSurrogatesAreStoredAsReplacementCharactersThatPostgreSqlAccepts() {
        TestIntegration service = integration(IntegrationType.EVENTS_V2);

        HttpResponse<String> response = postJson("/v2/enqueue", """
                {"routing_key":"%s","event_action":"trigger","dedup_key":"backup\\u0000db",
                 "payload":{"summary":"nul \\u0000 here \\ud800","source":"db\\u0000-1","severity":"critical",
                            "custom_details":{"k\\u0000":["v\\u0000"]}}}""".formatted(service.key()));

        assertThat(response.statusCode()).isEqualTo(202);
        // the answer names the key the incident is stored under, so a resolve can refer to it either way
        assertThat(json(response).get("dedup_key").asString()).isEqualTo("backup\uFFFDdb");
        AlertEvent event = awaitPublished(service, 1).getFirst();
        assertThat(event.dedupKey()).isEqualTo("backup\uFFFDdb");
        assertThat(event.summary()).isEqualTo("nul \uFFFD here \uFFFD");
        assertThat(event.source()).isEqualTo("db\uFFFD-1");
        assertThat(event.details().get("custom_details")).isEqualTo(Map.of("k\uFFFD", List.of("v\uFFFD")));
        assertThat(event.rawPayload()).doesNotContain("\u0000");
    }

    @Test
    void aTriggerWithoutDedupKeyIsGivenOneThatResolvesIt() {
        TestIntegration service = integration(IntegrationType.EVENTS_V2);

        String dedupKey = json(postJson("/v2/enqueue", fixture("eventsv2/trigger-no-dedup-key.json", service)))
                .get("dedup_key").asString();
        postJson("/v2/enqueue", """
                {"routing_key":"%s","event_action":"acknowledge","dedup_key":"%s"}""".formatted(service.key(), dedupKey));
        postJson("/v2/enqueue", """
                {"routing_key":"%s","event_action":"resolve","dedup_key":"%s"}""".formatted(service.key(), dedupKey));

        List<AlertEvent> events = awaitPublished(service, 3);
        assertThat(events).extracting(AlertEvent::action)
                .containsExactly(AlertAction.TRIGGER, AlertAction.ACKNOWLEDGE, AlertAction.RESOLVE);
        assertThat(events).extracting(AlertEvent::dedupKey).containsOnly(dedupKey);
    }

    @Test
    void anInvalidEventGetsPagerDutysErrorShapeListingEveryProblemAndPublishesNothing() {
        TestIntegration service = integration(IntegrationType.EVENTS_V2);

        HttpResponse<String> response = postJson("/v2/enqueue",
                fixture("eventsv2/malformed-missing-summary-source.json", service));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.get("status").asString()).isEqualTo("invalid event");
        assertThat(body.get("message").asString()).isEqualTo("Event object is invalid");
        assertThat(body.get("errors").valueStream().map(JsonNode::asString))
                .contains("'payload.summary' is missing or blank", "'payload.source' is missing or blank");
        assertOnlyTheMarkerArrives(service);
    }

    @Test
    void unknownAndWrongTypeKeysAreInvalidEventsThatSayWhy() {
        TestIntegration grafana = integration(IntegrationType.GRAFANA);

        HttpResponse<String> unknown = postJson("/v2/enqueue", """
                {"routing_key":"0123456789abcdef0123456789abcdef","event_action":"resolve","dedup_key":"x"}""");
        HttpResponse<String> wrongType = postJson("/v2/enqueue", """
                {"routing_key":"%s","event_action":"resolve","dedup_key":"x"}""".formatted(grafana.key()));
        HttpResponse<String> noKey = postJson("/v2/enqueue", """
                {"event_action":"resolve","dedup_key":"x"}""");

        assertThat(List.of(unknown, wrongType, noKey)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).get("status").asString()).isEqualTo("invalid event");
        });
        assertThat(json(unknown).get("errors").get(0).asString()).contains("No Tocsin integration has this key");
        assertThat(json(wrongType).get("errors").get(0).asString())
                .contains("belongs to a GRAFANA (Grafana) integration, not a EVENTS_V2", "/integrations/{key}/grafana");
        assertThat(json(noKey).get("errors").get(0).asString()).contains("'routing_key' is missing");
        assertThat(published(grafana)).isEmpty();
    }

    @Test
    void eventsApiV1TriggersAndResolvesLikePagerDutysV1() {
        TestIntegration service = integration(IntegrationType.EVENTS_V1);

        HttpResponse<String> trigger = postJson("/generic/2010-04-15/create_event.json",
                Fixtures.text("eventsv1/trigger.json").replace("SERVICE_KEY", service.key()));
        HttpResponse<String> resolve = postJson("/generic/2010-04-15/create_event.json",
                Fixtures.text("eventsv1/resolve.json").replace("SERVICE_KEY", service.key()));

        assertThat(trigger.statusCode()).isEqualTo(200);
        assertThat(json(trigger)).isEqualTo(json("""
                {"status":"success","message":"Event processed","incident_key":"srv01/HTTP"}"""));
        assertThat(resolve.statusCode()).isEqualTo(200);
        assertThat(awaitPublished(service, 2)).extracting(AlertEvent::action, AlertEvent::dedupKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertAction.TRIGGER, "srv01/HTTP"),
                        org.assertj.core.groups.Tuple.tuple(AlertAction.RESOLVE, "srv01/HTTP"));
    }

    /** Sends an accepted event with a marker and checks it is the only one the service ever got. */
    private void assertOnlyTheMarkerArrives(TestIntegration service) {
        postJson("/v2/enqueue", """
                {"routing_key":"%s","event_action":"resolve","dedup_key":"marker"}""".formatted(service.key()));
        assertOnlyTheMarkerWasPublished(service, "marker");
    }

    private static String fixture(String name, TestIntegration service) {
        return Fixtures.text(name).replace("ROUTING_KEY", service.key());
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    static JsonNode json(String text) {
        return JsonMapper.shared().readTree(text);
    }

    static Map<String, Object> map(HttpResponse<String> response) {
        return JsonMapper.shared().readValue(response.body(), Map.class);
    }
}
