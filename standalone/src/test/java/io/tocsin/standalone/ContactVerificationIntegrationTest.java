package io.tocsin.standalone;

import static io.tocsin.standalone.RunningTocsin.ADMIN_TOKEN;
import static io.tocsin.standalone.RunningTocsin.JSON;
import static io.tocsin.standalone.RunningTocsin.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.routing.user.User;
import io.tocsin.testkit.FakeTwilio;
import io.tocsin.testkit.FakeTwilio.SentSms;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A new phone number is verified before it is paged, every hop real: the code goes out by SMS through the real Twilio
 * SDK to the fake Twilio, a wrong code is refused, and pages reach the number only once the right code was entered.
 */
class ContactVerificationIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Pattern CODE = Pattern.compile("verification code is (\\d{6})");

    private static FakeTwilio twilio;
    private static RunningTocsin tocsin;

    @BeforeAll
    static void startTocsin() {
        twilio = new FakeTwilio();
        tocsin = RunningTocsin.start(twilio, Clock.systemUTC());
    }

    @AfterAll
    static void stopTocsin() {
        RunningTocsin.stop(tocsin, twilio);
    }

    @Test
    void aNewNumberIsPagedOnlyOnceItsOwnerTypedTheCodeSentToIt() throws Exception {
        String phone = "+1201555" + (7000 + (int) (Math.random() * 2000));
        String userId = ok(tocsin.api("POST", "/api/v1/users", ADMIN_TOKEN, "{\"name\":\"Vera Verify\"}"), 201)
                .path("id").asString();
        String methods = "/api/v1/users/" + userId + "/contact-methods";
        JsonNode method = ok(tocsin.api("POST", methods, ADMIN_TOKEN,
                "{\"channel\":\"SMS\",\"address\":\"" + phone + "\"}"), 201);
        assertThat(method.path("verified").asBoolean()).isFalse();
        String methodId = method.path("id").asString();
        ok(tocsin.api("POST", "/api/v1/users/" + userId + "/notification-rules", ADMIN_TOKEN,
                "{\"contactMethodId\":\"" + methodId + "\",\"urgency\":\"HIGH\",\"delay\":\"PT0S\"}"), 201);
        String key = tocsin.service("Verified paging " + UUID.randomUUID(), Duration.ofHours(1),
                new User(UUID.fromString(userId), "Vera Verify", null));

        // before verification: the incident pages nobody there, and says why
        String before = "before-" + UUID.randomUUID();
        tocsin.enqueueAccepted(trigger(key, before, "Disk full before verification"));
        String beforeId = tocsin.awaitIncident(before).path("id").asString();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(tocsin.timelineMessages(beforeId))
                .anySatisfy(line -> assertThat(line).contains("not verified yet")));
        assertThat(tocsin.timeline(beforeId)).doesNotContain("NOTIFICATION_QUEUED");

        ok(tocsin.api("POST", methods + "/" + methodId + "/verification-code", ADMIN_TOKEN, null), 202);
        SentSms sms = await().atMost(PATIENCE).until(() -> smsTo(phone), list -> !list.isEmpty()).getFirst();
        Matcher code = CODE.matcher(sms.body());
        assertThat(code.find()).as(sms.body()).isTrue();
        assertThat(sms.body()).doesNotContain("Reply");

        HttpResponse<String> again = tocsin.api("POST", methods + "/" + methodId + "/verification-code", ADMIN_TOKEN,
                null);
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Integer.parseInt(seconds)).isBetween(1, 60));

        String wrong = code.group(1).equals("000000") ? "111111" : "000000";
        JsonNode refused = ok(tocsin.api("POST", methods + "/" + methodId + "/verify", ADMIN_TOKEN,
                "{\"code\":\"" + wrong + "\"}"), 400);
        assertThat(refused.path("detail").asString()).contains("not the code", "4 tries left");

        JsonNode verified = ok(tocsin.api("POST", methods + "/" + methodId + "/verify", ADMIN_TOKEN,
                "{\"code\":\"" + code.group(1) + "\"}"), 200);
        assertThat(verified.path("verified").asBoolean()).isTrue();

        // after verification: the next incident pages the number
        tocsin.enqueueAccepted(trigger(key, "after-" + UUID.randomUUID(), "Disk full after verification"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(smsTo(phone))
                .anySatisfy(page -> assertThat(page.body()).contains("Disk full after verification")));
        assertThat(smsTo(phone)).noneMatch(page -> page.body().contains("before verification"));

        // the code's delivery, as Twilio's SDK call went, is in the person's history
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ok(tocsin.api("GET", "/api/v1/users/" + userId
                + "/messages", ADMIN_TOKEN), 200).path("messages")).singleElement().satisfies(message -> {
                    assertThat(message.path("purpose").asString()).isEqualTo("VERIFICATION");
                    assertThat(message.path("status").asString()).isEqualTo("SENT");
                    assertThat(message.path("recipient").asString()).endsWith(phone.substring(phone.length() - 4))
                            .doesNotContain(phone);
                }));
    }

    private static List<SentSms> smsTo(String phone) {
        return twilio.messages().stream().filter(sms -> sms.to().equals(phone)).toList();
    }

    private static JsonNode ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
    }
}
