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
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Messages about a person's own setup (a verification code, a test page, an invitation) go out on SMS, voice and email
 * as plain words: no incident, no answer codes, no links to acknowledge, and their reports name no incident.
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

    private static NotificationRequested personal(Purpose purpose, Channel channel, String address, String code,
            String link) {
        return NotificationRequested.personal(UUID.randomUUID(), purpose, UUID.randomUUID(), "Ada", UUID.randomUUID(),
                channel, address, Instant.now(), code, link);
    }

    private static String recipients(MimeMessage mail) {
        try {
            return Arrays.toString(mail.getAllRecipients());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
