package io.tocsin.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.SecretHash;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.escalation.EscalationPolicies;
import io.tocsin.routing.escalation.EscalationPolicy.Level;
import io.tocsin.routing.escalation.EscalationPolicy.Target;
import io.tocsin.routing.escalation.EscalationPolicy.TargetType;
import io.tocsin.routing.service.IntegrationType;
import io.tocsin.routing.service.Integrations;
import io.tocsin.routing.service.ServiceSpec;
import io.tocsin.routing.service.Services;
import io.tocsin.routing.user.ContactMethod;
import io.tocsin.routing.user.User;
import io.tocsin.routing.user.Users;
import io.tocsin.testkit.FakeTwilio;
import io.tocsin.testkit.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The walking skeleton, every hop real: a PagerDuty Events API v2 webhook into ingest, Kafka,
 * routing and PostgreSQL, a notification request to the notifier, an SMS through the real Twilio
 * SDK at a fake Twilio; then an acknowledgement over REST, and a resolve from the monitor.
 */
class WebhookToPageIntegrationTest {

    private static final String ADMIN_TOKEN = "e2e-admin-token";
    private static final String ONCALL_PHONE = "+15557770001";
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    private static FakeTwilio twilio;
    private static TocsinServices tocsin;
    private static String integrationKey;

    @BeforeAll
    static void startTocsin() {
        twilio = new FakeTwilio();
        tocsin = TocsinServices.start(new TocsinServices.Wiring(TestInfrastructure.kafkaBootstrapServers(),
                TestInfrastructure.jdbcUrl(), TestInfrastructure.dbUser(), TestInfrastructure.dbPassword(),
                List.of("--server.port=0"),
                List.of("--tocsin.admin-token=" + ADMIN_TOKEN),
                List.of("--tocsin.twilio.account-sid=" + twilio.accountSid(),
                        "--tocsin.twilio.auth-token=" + twilio.authToken(),
                        "--tocsin.twilio.from-number=+15550001111",
                        "--tocsin.twilio.base-url=" + twilio.baseUrl()),
                List.of()));
        integrationKey = onCallServiceWithSmsResponder();
    }

    @AfterAll
    static void stopTocsin() {
        if (tocsin != null) {
            tocsin.close();
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    /** A service whose policy pages one responder by SMS at once; returns its Events API v2 key. */
    private static String onCallServiceWithSmsResponder() {
        var routing = tocsin.routing();
        Users users = routing.getBean(Users.class);
        User responder = users.create("Ada Oncall", "ada@example.com");
        ContactMethod sms = users.addContactMethod(responder.id(), Channel.SMS, ONCALL_PHONE);
        users.addRule(sms, Urgency.HIGH, Duration.ZERO);
        var policy = routing.getBean(EscalationPolicies.class).create("Primary", 0,
                List.of(new Level(0, Duration.ofMinutes(10), List.of(new Target(TargetType.USER, responder.id())))));
        var service = routing.getBean(Services.class)
                .create(new ServiceSpec("Checkout API", policy.id(), Urgency.HIGH, null, null));
        String key = SecretHash.generate();
        routing.getBean(Integrations.class).create(service.id(), IntegrationType.EVENTS_V2, "Alertmanager", Map.of(), key);
        return key;
    }

    @Test
    void aTriggerPagesBySmsAndAnAcknowledgementOverRestStopsIt() throws Exception {
        String dedupKey = "checkout-5xx-" + UUID.randomUUID();

        JsonNode accepted = enqueueAccepted("""
                {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
                 "payload":{"summary":"Checkout 5xx rate above 5%%","source":"prometheus","severity":"critical"}}
                """.formatted(integrationKey, dedupKey));
        assertThat(accepted.path("status").asString()).isEqualTo("success");
        assertThat(accepted.path("dedup_key").asString()).isEqualTo(dedupKey);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(twilio.messages())
                .anySatisfy(sms -> {
                    assertThat(sms.to()).isEqualTo(ONCALL_PHONE);
                    assertThat(sms.from()).isEqualTo("+15550001111");
                    assertThat(sms.body()).contains("Checkout 5xx rate above 5%").contains("Checkout API");
                }));

        JsonNode incident = incidentWithDedupKey(dedupKey);
        assertThat(incident.path("status").asString()).isEqualTo("TRIGGERED");
        String id = incident.path("id").asString();

        HttpResponse<String> ack = api("POST", "/api/v1/incidents/" + id + "/acknowledge", ADMIN_TOKEN);
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(json.readTree(ack.body()).path("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(json.readTree(ack.body()).path("acknowledgedBy").asString()).isEqualTo("api:admin");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(timelineEvents(id))
                .contains("TRIGGERED", "ESCALATED", "NOTIFICATION_QUEUED", "NOTIFICATION_SENT", "ACKNOWLEDGED"));
    }

    @Test
    void aResolveFromTheMonitorResolvesTheIncident() throws Exception {
        String dedupKey = "disk-full-" + UUID.randomUUID();
        enqueueAccepted("""
                {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
                 "payload":{"summary":"Disk full on db-1","source":"db-1","severity":"error"}}
                """.formatted(integrationKey, dedupKey));
        await().atMost(Duration.ofSeconds(30)).until(() -> findIncident(dedupKey) != null);

        enqueueAccepted("""
                {"routing_key":"%s","event_action":"resolve","dedup_key":"%s"}
                """.formatted(integrationKey, dedupKey));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode incident = findIncident(dedupKey);
            assertThat(incident.path("status").asString()).isEqualTo("RESOLVED");
            assertThat(incident.path("resolvedBy").asString()).isEqualTo("monitor");
        });
    }

    @Test
    void aRepeatedTriggerJoinsTheOpenIncidentAndPagesNobodyAgain() throws Exception {
        String dedupKey = "flapping-" + UUID.randomUUID();
        String event = """
                {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
                 "payload":{"summary":"Flapping %s","source":"uptime","severity":"warning"}}
                """.formatted(integrationKey, dedupKey, dedupKey);
        enqueueAccepted(event);
        enqueueAccepted(event);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(findIncident(dedupKey).path("alertCount").asInt()).isEqualTo(2));
        assertThat(twilio.messages()).filteredOn(sms -> sms.body().contains(dedupKey)).hasSize(1);
    }

    @Test
    void anUnknownRoutingKeyIsRejectedInPagerDutysShape() throws Exception {
        HttpResponse<String> response = enqueue("""
                {"routing_key":"%s","event_action":"trigger",
                 "payload":{"summary":"x","source":"y","severity":"info"}}
                """.formatted(SecretHash.generate()));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("status").asString()).isEqualTo("invalid event");
        assertThat(body.path("errors").get(0).asString()).contains("Invalid routing key");
    }

    @Test
    void theAdminApiWantsAValidBearerToken() throws Exception {
        assertThat(api("GET", "/api/v1/incidents", null).statusCode()).isEqualTo(401);
        HttpResponse<String> forged = api("GET", "/api/v1/incidents", "not-a-token");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(json.readTree(forged.body()).path("detail").asString()).contains("not valid");
    }

    /** Posts until ingest has learned the integration from Kafka (a 400 stores nothing, so retrying is safe). */
    private static JsonNode enqueueAccepted(String event) {
        List<HttpResponse<String>> last = new ArrayList<>(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> response = enqueue(event);
            last.clear();
            last.add(response);
            return response.statusCode() == 202;
        });
        return json.readTree(last.getFirst().body());
    }

    private static HttpResponse<String> enqueue(String event) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + tocsin.ingestPort() + "/v2/enqueue"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> api(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + tocsin.routingPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode findIncident(String dedupKey) throws Exception {
        JsonNode list = json.readTree(api("GET", "/api/v1/incidents?limit=500", ADMIN_TOKEN).body());
        for (JsonNode incident : list.path("incidents")) {
            if (incident.path("dedupKey").asString().equals(dedupKey)) {
                return incident;
            }
        }
        return null;
    }

    private static JsonNode incidentWithDedupKey(String dedupKey) throws Exception {
        JsonNode incident = findIncident(dedupKey);
        assertThat(incident).as("incident with dedup key " + dedupKey).isNotNull();
        return incident;
    }

    private static List<String> timelineEvents(String incidentId) throws Exception {
        JsonNode log = json.readTree(api("GET", "/api/v1/incidents/" + incidentId + "/log", ADMIN_TOKEN).body());
        List<String> events = new ArrayList<>();
        log.path("entries").forEach(entry -> events.add(entry.path("event").asString()));
        return events;
    }
}
