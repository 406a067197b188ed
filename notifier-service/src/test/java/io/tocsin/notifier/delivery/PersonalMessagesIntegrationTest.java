package io.tocsin.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.NotificationRequested.Purpose;
import io.tocsin.notifier.NotifierIntegrationTestBase;
import io.tocsin.notifier.TestPages;
import io.tocsin.notifier.webhook.WebhookReceiver;
import io.tocsin.notifier.webhook.WebhookReceiver.Post;
import io.tocsin.testkit.FakeNtfy.Published;
import io.tocsin.testkit.FakeSlack.SlackPost;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages about a person's own setup (a verification code, a test page, an invitation) go out as plain words: no
 * incident, no answer codes, no buttons or links to acknowledge, and their reports name no incident. Codes and
 * invitations go by SMS, voice and email; a test page goes on every channel, Slack, webhooks and push too.
 */
class PersonalMessagesIntegrationTest extends NotifierIntegrationTestBase {

    @Test
    void aVerificationCodeGoesBySmsWithoutReplyCodesAndIsReportedWithoutAnIncident() {
        NotificationRequested code = personal(Purpose.VERIFICATION, Channel.SMS, TestPages.newPhoneNumber(), "123456",
                null);

        request(code);

        await().atMost(A_MOMENT).untilAsserted(() -> assertThat(twilio.messages())
                .filteredOn(sms -> sms.to().equals(code.address())).singleElement()
                .satisfies(sms -> assertThat(sms.body()).startsWith("Your Tocsin verification code is 123456")
                        .doesNotContain("Reply").doesNotContain("/ui/incidents")));
        DeliveryReported report = reportOf(code);
        assertThat(report.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(report.incidentId()).isNull();
        assertThat(jdbc.sql("select count(*) from contact_method where id = :id").param("id", code.contactMethodId())
                .query(Long.class).single()).as("an unverified number is not taken as the user's").isZero();
    }

    @Test
    void aTestCallSaysSoAndWaitsForNoKey() {
        NotificationRequested test = personal(Purpose.TEST, Channel.VOICE, TestPages.newPhoneNumber(), null, null);

        request(test);

        String callSid = await().atMost(A_MOMENT).until(() -> stored(test).providerId(), sid -> sid != null);
        HttpResponse<String> answered = twilioWebhook("/webhooks/twilio/voice?page=" + test.id(), Map.of("CallSid",
                callSid, "AccountSid", twilio.accountSid(), "From", "+15550009999", "To", test.address(),
                "CallStatus", "in-progress", "Direction", "outbound-api"));
        assertThat(answered.body()).contains("This is a test page from Tocsin").contains("<Hangup")
                .doesNotContain("<Gather");
    }

    @Test
    void anInvitationEmailCarriesTheSignInLinkAsPlainText() throws Exception {
        String to = "ada+" + UUID.randomUUID() + "@example.test";
        NotificationRequested invitation = personal(Purpose.INVITATION, Channel.EMAIL, to, null,
                "https://tocsin.example.test/ui/invitation/abc123");

        request(invitation);

        MimeMessage mail = await().atMost(A_MOMENT).until(() -> Arrays.stream(smtp.receivedMessages())
                .filter(m -> recipients(m).contains(to)).findFirst().orElse(null), m -> m != null);
        assertThat(mail.getSubject()).isEqualTo("Your invitation to Tocsin");
        assertThat(mail.getContent().toString()).contains("https://tocsin.example.test/ui/invitation/abc123")
                .doesNotContain("/ack/");
        assertThat(reportOf(invitation).status()).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void aTestPageInSlackIsADirectMessageOfPlainTextWithoutButtons() {
        NotificationRequested test = personal(Purpose.TEST, Channel.SLACK, "U0TEST" + memberSuffix(), null, null);

        request(test);

        SlackPost post = await().atMost(A_MOMENT).until(() -> slack.posts().stream()
                .filter(p -> p.channel().equals(test.address())).findFirst().orElse(null), p -> p != null);
        assertThat(post.text()).isEqualTo("Test page from Tocsin for Ada: this contact method works. Nothing to do.");
        assertThat(post.blocks()).as("no buttons, no incident").isNull();
        DeliveryReported report = reportOf(test);
        assertThat(report.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(report.incidentId()).isNull();
    }

    @Test
    void aTestPageToAWebhookIsASignedPostOfEventTestWithNoIncident() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(WEBHOOK_SECRET)) {
            NotificationRequested test = personal(Purpose.TEST, Channel.WEBHOOK, receiver.url("/hooks/ada"), null,
                    null);

            request(test);

            DeliveryReported report = reportOf(test);
            assertThat(report.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(report.detail()).isEqualTo("posted to " + receiver.url(""));
            Post post = receiver.posts().getFirst();
            assertThat(post.signatureValid()).isTrue();
            assertThat(post.header("X-Tocsin-Event")).isEqualTo("test");
            assertThat(post.header("X-Tocsin-Delivery")).isEqualTo(test.id().toString());
            JsonNode json = JsonMapper.shared().readTree(post.body());
            assertThat(json.path("event").asString()).isEqualTo("test");
            assertThat(json.path("notificationId").asString()).isEqualTo(test.id().toString());
            assertThat(json.path("message").asString()).startsWith("Test page from Tocsin for Ada");
            assertThat(json.has("incident")).isFalse();
        }
    }

    @Test
    void aTestPushGoesToTheProtectedTopicWithItsTokenAtDefaultPriorityWithoutButtons() {
        String topic = "tocsin-ada-" + UUID.randomUUID();
        String token = "tk_" + memberSuffix() + "testtokenforadapush";
        ntfy.protect(topic, token);
        NotificationRequested test = NotificationRequested.personal(UUID.randomUUID(), Purpose.TEST, UUID.randomUUID(),
                "Ada", UUID.randomUUID(), Channel.PUSH, ntfy.topicUrl(topic), Instant.now(), null, null,
                SECRETS.seal(token));

        request(test);

        DeliveryReported report = reportOf(test);
        assertThat(report.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(report.detail()).isEqualTo("published to ntfy at 127.0.0.1");
        Published message = ntfy.publishedTo(topic).getFirst();
        assertThat(message.authorization()).isEqualTo("Bearer " + token);
        assertThat(message.priority()).isEqualTo(3);
        assertThat(message.title()).isEqualTo("Test page from Tocsin");
        assertThat(message.message()).isEqualTo("Test page from Tocsin for Ada: this contact method works. Nothing"
                + " to do.");
        assertThat(message.actions()).isEmpty();
        assertThat(message.click()).isNull();
    }

    private static NotificationRequested personal(Purpose purpose, Channel channel, String address, String code,
            String link) {
        return NotificationRequested.personal(UUID.randomUUID(), purpose, UUID.randomUUID(), "Ada", UUID.randomUUID(),
                channel, address, Instant.now(), code, link);
    }

    /** Upper-case letters and digits, so that each test's member ID and topic are its own. */
    private static String memberSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT);
    }

    private static String recipients(MimeMessage mail) {
        try {
            return Arrays.toString(mail.getAllRecipients());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
