package io.tocsin.routing.user;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.NotificationRequested.Purpose;
import io.tocsin.contracts.SealedSecrets;
import io.tocsin.contracts.Topics;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.testkit.MutableClock;
import io.tocsin.testkit.TestKafka;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Messages to a person about their own setup: test pages (on every channel, a push one with its topic's token sealed)
 * and verification codes go to the notifier as such (no incident), within one a minute and five an hour per contact
 * method; what the notifier reports shows in the person's
 * history; codes expire and run out of tries; a changed address must be verified again (its announcements:
 * {@code ContactMethodsAnnouncedIntegrationTest}); invitations are emailed.
 */
@RoutingIntegrationTest
class PersonalMessagesIntegrationTest {

    private static final Duration A_MOMENT = Duration.ofSeconds(30);
    private static final TestKafka.Recorder<NotificationRequested> REQUESTED =
            TestKafka.record(Topics.NOTIFICATIONS, NotificationRequested.class);

    @Autowired
    OnCall onCall;
    @Autowired
    AdminApi api;
    @Autowired
    MutableClock clock;

    @AfterAll
    static void stopRecording() {
        REQUESTED.close();
    }

    @Test
    void aTestPageGoesToTheNotifierAndItsDeliveryStatusShowsInTheHistoryWithinTheSendingLimits() throws Exception {
        User tess = onCall.responder("Tess");
        String methods = "/api/v1/users/" + tess.id() + "/contact-methods";
        String phone = ok(api.call("POST", methods, "{\"channel\":\"SMS\",\"address\":\"+12015550181\","
                + "\"verified\":true}"), 201).path("id").asString();

        String messageId = ok(api.call("POST", methods + "/" + phone + "/test", null), 202).path("messageId").asString();

        NotificationRequested test = requested(messageId);
        assertThat(test.purpose()).isEqualTo(Purpose.TEST);
        assertThat(test.incidentId()).isNull();
        assertThat(test.address()).isEqualTo("+12015550181");
        JsonNode queued = history(tess).get(0);
        assertThat(queued.path("status").asString()).isEqualTo("QUEUED");
        assertThat(queued.path("recipient").asString()).isEqualTo("********0181");

        TestKafka.send(Topics.DELIVERIES, messageId, new DeliveryReported(UUID.randomUUID(),
                DeliveryReported.SCHEMA_VERSION, test.id(), null, Channel.SMS, DeliveryStatus.DELIVERED,
                "delivered to the handset", clock.instant(), 1, "Twilio", null));
        await().atMost(A_MOMENT).untilAsserted(() -> assertThat(history(tess).get(0).path("status").asString())
                .isEqualTo("DELIVERED"));
        assertThat(ok(api.call("GET", "/api/v1/users/" + tess.id() + "/messages?contactMethodId=" + phone, null), 200)
                .path("messages").get(0).path("provider").asString()).isEqualTo("Twilio");

        HttpResponse<String> tooSoon = api.call("POST", methods + "/" + phone + "/test", null);
        assertThat(tooSoon.statusCode()).isEqualTo(429);
        assertThat(tooSoon.headers().firstValue("Retry-After")).contains("60");
        assertThat(tooSoon.body()).contains("wait a minute");
        for (int sent = 1; sent < 5; sent++) {
            clock.advance(Duration.ofMinutes(1));
            ok(api.call("POST", methods + "/" + phone + "/test", null), 202);
        }
        clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> fifthInTheHour = api.call("POST", methods + "/" + phone + "/test", null);
        assertThat(fifthInTheHour.statusCode()).isEqualTo(429);
        assertThat(fifthInTheHour.body()).contains("5 messages went to this contact method within the hour");
        // the first of the five was sent 5 minutes ago: the hour frees a slot 55 minutes from now
        assertThat(fifthInTheHour.headers().firstValue("Retry-After")).contains(String.valueOf(55 * 60));
    }

    @Test
    void aTestPageGoesToSlackWebhooksAndPushTooWithThePushTokenSealedAndItsDeliveryShows() throws Exception {
        User tim = onCall.responder("Tim");
        String methods = "/api/v1/users/" + tim.id() + "/contact-methods";
        String slack = ok(api.call("POST", methods, "{\"channel\":\"SLACK\",\"address\":\"U0TIM00001\"}"), 201)
                .path("id").asString();
        String webhook = ok(api.call("POST", methods, "{\"channel\":\"WEBHOOK\",\"address\":"
                + "\"https://hooks.example.test/tocsin/tim\"}"), 201).path("id").asString();
        String push = ok(api.call("POST", methods, "{\"channel\":\"PUSH\",\"address\":"
                + "\"https://ntfy.example.test/tocsin-tim\",\"token\":\"tk_timsOwnTopicToken0000000000\"}"), 201)
                .path("id").asString();

        NotificationRequested toSlack = requested(ok(api.call("POST", methods + "/" + slack + "/test", null), 202)
                .path("messageId").asString());
        NotificationRequested toWebhook = requested(ok(api.call("POST", methods + "/" + webhook + "/test", null), 202)
                .path("messageId").asString());
        NotificationRequested toPush = requested(ok(api.call("POST", methods + "/" + push + "/test", null), 202)
                .path("messageId").asString());

        assertThat(List.of(toSlack, toWebhook, toPush)).allSatisfy(test -> {
            assertThat(test.purpose()).isEqualTo(Purpose.TEST);
            assertThat(test.incidentId()).isNull();
        });
        assertThat(toSlack.channel()).isEqualTo(Channel.SLACK);
        assertThat(toSlack.address()).isEqualTo("U0TIM00001");
        assertThat(toWebhook.address()).isEqualTo("https://hooks.example.test/tocsin/tim");
        assertThat(toSlack.sealedSecret()).isNull();
        assertThat(toPush.sealedSecret()).doesNotContain("tk_timsOwnTopicToken");
        assertThat(new SealedSecrets(List.of(RoutingIntegrationTest.SECRET_KEY)).open(toPush.sealedSecret()))
                .contains("tk_timsOwnTopicToken0000000000");

        TestKafka.send(Topics.DELIVERIES, toPush.id().toString(), new DeliveryReported(UUID.randomUUID(),
                DeliveryReported.SCHEMA_VERSION, toPush.id(), null, Channel.PUSH, DeliveryStatus.SENT,
                "published to ntfy at ntfy.example.test", clock.instant(), 1, null, null));
        await().atMost(A_MOMENT).untilAsserted(() -> {
            JsonNode shown = ok(api.call("GET", "/api/v1/users/" + tim.id() + "/messages?contactMethodId=" + push,
                    null), 200).path("messages").get(0);
            assertThat(shown.path("status").asString()).isEqualTo("SENT");
            assertThat(shown.path("detail").asString()).isEqualTo("published to ntfy at ntfy.example.test");
        });
        assertThat(history(tim)).hasSize(3);
        assertThat(api.call("GET", "/api/v1/users/" + tim.id() + "/messages", null).body())
                .doesNotContain("tk_timsOwnTopicToken").doesNotContain(toPush.sealedSecret());
    }

    @Test
    void aCodeExpiresRunsOutOfTriesAndAChangedAddressMustBeVerifiedAgain() throws Exception {
        User cody = onCall.responder("Cody");
        String methods = "/api/v1/users/" + cody.id() + "/contact-methods";
        JsonNode created = ok(api.call("POST", methods, "{\"channel\":\"EMAIL\",\"address\":\"cody@example.test\"}"),
                201);
        assertThat(created.path("verified").asBoolean()).isFalse();
        String email = created.path("id").asString();

        ok(api.call("POST", methods + "/" + email + "/verification-code", null), 202);
        String firstCode = code(email, 1);
        clock.advance(Duration.ofMinutes(16));
        assertThat(ok(api.call("POST", methods + "/" + email + "/verify", "{\"code\":\"" + firstCode + "\"}"), 410)
                .path("detail").asString()).contains("expired");

        ok(api.call("POST", methods + "/" + email + "/verification-code", null), 202);
        String secondCode = code(email, 2);
        String wrong = secondCode.equals("999999") ? "888888" : "999999";
        for (int tries = 1; tries <= 5; tries++) {
            ok(api.call("POST", methods + "/" + email + "/verify", "{\"code\":\"" + wrong + "\"}"), 400);
        }
        HttpResponse<String> spent = api.call("POST", methods + "/" + email + "/verify",
                "{\"code\":\"" + secondCode + "\"}");
        assertThat(spent.statusCode()).isEqualTo(429);
        assertThat(spent.body()).contains("Ask for a new one");

        clock.advance(Duration.ofMinutes(1));
        ok(api.call("POST", methods + "/" + email + "/verification-code", null), 202);
        String thirdCode = code(email, 3);
        assertThat(ok(api.call("POST", methods + "/" + email + "/verify", "{\"code\":\"" + thirdCode + "\"}"), 200)
                .path("verified").asBoolean()).isTrue();

        JsonNode changed = ok(api.call("PUT", methods + "/" + email, "{\"channel\":\"EMAIL\","
                + "\"address\":\"cody.new@example.test\"}"), 200);
        assertThat(changed.path("address").asString()).isEqualTo("cody.new@example.test");
        assertThat(changed.path("verified").asBoolean()).isFalse();
        assertThat(ok(api.call("PUT", methods + "/" + email, "{\"channel\":\"SMS\",\"address\":\"+12015550182\"}"),
                400).path("detail").asString()).contains("'channel' cannot change");
    }

    @Test
    void onlyAnAdminMayVouchForAnAddress() throws Exception {
        User rita = onCall.responder("Rita");
        String token = ok(api.call("POST", "/api/v1/api-tokens", "{\"name\":\"rita\",\"role\":\"RESPONDER\","
                + "\"userId\":\"" + rita.id() + "\"}"), 201).path("token").asString();
        String methods = "/api/v1/users/" + rita.id() + "/contact-methods";

        JsonNode refused = ok(api.call(token, "POST", methods, "{\"channel\":\"SMS\",\"address\":\"+12015550183\","
                + "\"verified\":true}"), 400);
        JsonNode own = ok(api.call(token, "POST", methods, "{\"channel\":\"SMS\",\"address\":\"+12015550183\"}"), 201);

        assertThat(refused.path("detail").asString()).contains("only an admin");
        assertThat(own.path("verified").asBoolean()).isFalse();
        ok(api.call(token, "POST", methods + "/" + own.path("id").asString() + "/verification-code", null), 202);
    }

    @Test
    void anInvitationIsEmailedToTheUser() throws Exception {
        String user = ok(api.call("POST", "/api/v1/users", "{\"name\":\"Ivy\",\"email\":\"ivy@example.test\"}"), 201)
                .path("id").asString();

        JsonNode invitation = ok(api.call("POST", "/api/v1/users/" + user + "/invitations", "{\"role\":\"RESPONDER\"}"),
                201);

        assertThat(invitation.path("emailedTo").asString()).isEqualTo("ivy@example.test");
        NotificationRequested emailed = await().atMost(A_MOMENT).until(() -> REQUESTED.messages().stream()
                .filter(n -> n.purpose() == Purpose.INVITATION && user.equals(String.valueOf(n.userId())))
                .findFirst(), Optional::isPresent).orElseThrow();
        assertThat(emailed.channel()).isEqualTo(Channel.EMAIL);
        assertThat(emailed.address()).isEqualTo("ivy@example.test");
        assertThat(emailed.link()).isEqualTo(invitation.path("link").asString());
    }

    private NotificationRequested requested(String id) {
        return await().atMost(A_MOMENT).until(() -> REQUESTED.messages().stream()
                .filter(n -> n.id().toString().equals(id)).findFirst(), Optional::isPresent).orElseThrow();
    }

    /** The code of the {@code nth} verification message sent to the contact method. */
    private String code(String methodId, int nth) {
        return await().atMost(A_MOMENT).until(() -> REQUESTED.messages().stream()
                .filter(n -> n.purpose() == Purpose.VERIFICATION && methodId.equals(String.valueOf(n.contactMethodId())))
                .toList(), list -> list.size() >= nth).get(nth - 1).code();
    }

    private JsonNode history(User user) throws Exception {
        return ok(api.call("GET", "/api/v1/users/" + user.id() + "/messages", null), 200).path("messages");
    }
}
