package io.tocsin.standalone;

import static io.tocsin.standalone.RunningTocsin.ADMIN_TOKEN;
import static io.tocsin.standalone.RunningTocsin.JSON;
import static io.tocsin.standalone.RunningTocsin.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.SecretHash;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.FakeTwilio;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * The walking skeleton, every hop real: a PagerDuty Events API v2 webhook into ingest, Kafka,
 * routing and PostgreSQL, a notification request to the notifier, an SMS through the real Twilio
 * SDK at a fake Twilio; then an acknowledgement over REST, and a resolve from the monitor.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebhookToPageIntegrationTest {

    private static final String ONCALL_PHONE = "+15557770001";

    private static FakeTwilio twilio;
    private static RunningTocsin tocsin;
    private static String integrationKey;

    @BeforeAll
    static void startTocsin() {
        twilio = new FakeTwilio();
        tocsin = RunningTocsin.start(twilio, Clock.systemUTC());
        integrationKey = tocsin.service("Checkout API", Duration.ofMinutes(10),
                tocsin.smsResponder("Ada Oncall", ONCALL_PHONE));
    }

    @AfterAll
    static void stopTocsin() {
        RunningTocsin.stop(tocsin, twilio);
    }

    @Test
    void aTriggerPagesBySmsAndAnAcknowledgementOverRestStopsIt() throws Exception {
        String dedupKey = "checkout-5xx-" + UUID.randomUUID();

        JsonNode accepted = tocsin.enqueueAccepted(trigger(integrationKey, dedupKey, "Checkout 5xx rate above 5%"));
        assertThat(accepted.path("status").asString()).isEqualTo("success");
        assertThat(accepted.path("dedup_key").asString()).isEqualTo(dedupKey);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(twilio.messages())
                .anySatisfy(sms -> {
                    assertThat(sms.to()).isEqualTo(ONCALL_PHONE);
                    assertThat(sms.from()).isEqualTo(RunningTocsin.TWILIO_FROM);
                    assertThat(sms.body()).contains("Checkout 5xx rate above 5%").contains("Checkout API");
                }));

        JsonNode incident = tocsin.incident(dedupKey);
        assertThat(incident.path("status").asString()).isEqualTo("TRIGGERED");
        String id = incident.path("id").asString();
        assertThat(twilio.messages()).anySatisfy(sms -> assertThat(sms.body())
                .endsWith(" " + RunningTocsin.CONSOLE_URL + "/ui/incidents/" + id));

        HttpResponse<String> ack = tocsin.api("POST", "/api/v1/incidents/" + id + "/acknowledge", ADMIN_TOKEN);
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ack.body()).path("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(JSON.readTree(ack.body()).path("acknowledgedBy").asString()).isEqualTo("api:admin");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(tocsin.timeline(id))
                .contains("TRIGGERED", "ESCALATED", "NOTIFICATION_QUEUED", "NOTIFICATION_SENT", "ACKNOWLEDGED"));

        JsonNode detail = JSON.readTree(tocsin.api("GET", "/api/v1/incidents/" + id, ADMIN_TOKEN).body());
        assertThat(detail.path("dedupKey").asString()).isEqualTo(dedupKey);
        assertThat(detail.path("rawPayload").asString()).contains("Checkout 5xx rate above 5%")
                .contains("\"routing_key\":\"[integration key]\"").doesNotContain(integrationKey);
    }

    @Test
    void aResolveFromTheMonitorResolvesTheIncident() throws Exception {
        String dedupKey = "disk-full-" + UUID.randomUUID();
        tocsin.enqueueAccepted(trigger(integrationKey, dedupKey, "Disk full on db-1"));
        tocsin.awaitIncident(dedupKey);

        tocsin.enqueueAccepted("""
                {"routing_key":"%s","event_action":"resolve","dedup_key":"%s"}
                """.formatted(integrationKey, dedupKey));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode incident = tocsin.incident(dedupKey);
            assertThat(incident.path("status").asString()).isEqualTo("RESOLVED");
            assertThat(incident.path("resolvedBy").asString()).isEqualTo("monitor");
        });
    }

    @Test
    void aRepeatedTriggerJoinsTheOpenIncidentAndPagesNobodyAgain() throws Exception {
        String dedupKey = "flapping-" + UUID.randomUUID();
        String event = trigger(integrationKey, dedupKey, "Flapping " + dedupKey);
        tocsin.enqueueAccepted(event);
        tocsin.enqueueAccepted(event);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode incident = tocsin.incident(dedupKey);
            assertThat(incident.path("alertCount").asInt()).as("one alert, triggered twice").isEqualTo(1);
            JsonNode alerts = JSON.readTree(tocsin.api("GET", "/api/v1/incidents/" + incident.path("id").asString()
                    + "/alerts", ADMIN_TOKEN).body()).path("alerts");
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).path("triggerCount").asInt()).isEqualTo(2);
        });
        assertThat(twilio.messages()).filteredOn(sms -> sms.body().contains(dedupKey)).hasSize(1);
    }

    @Test
    void anUnknownRoutingKeyIsRejectedInPagerDutysShape() throws Exception {
        HttpResponse<String> response = tocsin.enqueue(trigger(SecretHash.generate(), "x", "never stored"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asString()).isEqualTo("invalid event");
        assertThat(body.path("errors").get(0).asString()).contains("No Tocsin integration has this key");
    }

    @Test
    void theAdminApiWantsAValidBearerToken() throws Exception {
        assertThat(tocsin.api("GET", "/api/v1/incidents", null).statusCode()).isEqualTo(401);
        HttpResponse<String> forged = tocsin.api("GET", "/api/v1/incidents", "not-a-token");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(forged.body()).path("detail").asString()).contains("not valid");
    }

    @Test
    void aPageForAChannelWithoutCredentialsIsPrintedAndTheTimelineSaysNobodyWasReached(CapturedOutput output)
            throws Exception {
        // this Tocsin has no SMTP server: email pages cannot go out
        User ursula = tocsin.responder("Ursula", Channel.EMAIL, "ursula@example.test");
        String key = tocsin.service("Reports", Duration.ofMinutes(5), ursula);
        String dedupKey = "reports-" + UUID.randomUUID();

        tocsin.enqueueAccepted(trigger(key, dedupKey, "Nightly report failed"));

        await().atMost(Duration.ofSeconds(30)).until(() -> output.getOut().lines().anyMatch(line -> line.contains(
                "[tocsin page] EMAIL (channel not configured, not sent) to Ursula") && line.contains("Nightly report failed")));
        String id = tocsin.awaitIncident(dedupKey).path("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> tocsin.timelineMessages(id).stream()
                .anyMatch(message -> message.contains("Ursula could not be reached")));
        assertThat(tocsin.timelineMessages(id)).anyMatch(message -> message.contains("EMAIL channel is not configured"));
    }
}
