package io.tocsin.notifier.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierIntegrationTestBase;
import io.tocsin.notifier.TestPages;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Twilio's later word on an SMS or a call it accepted reaches routing as the page's final state. */
class TwilioStatusCallbacksIntegrationTest extends NotifierIntegrationTestBase {

    private static final String PATH = "/webhooks/twilio/status";

    @Test
    void anUndeliveredSmsIsAFailedPageWithTwiliosErrorCode() {
        NotificationRequested page = sent(Channel.SMS, "+12015570101", "Undelivered");

        int status = twilioWebhook(PATH, Map.of("MessageSid", stored(page).providerId(), "MessageStatus", "undelivered",
                "ErrorCode", "30003", "AccountSid", twilio.accountSid())).statusCode();

        assertThat(status).isEqualTo(204);
        DeliveryReported failed = last(page, DeliveryStatus.FAILED);
        assertThat(failed.detail()).contains("SMS undelivered").contains("30003");
        assertThat(stored(page).status()).isEqualTo("FAILED");
    }

    @Test
    void aDeliveredSmsIsReportedOnceAndALateFailureChangesNothing() {
        NotificationRequested page = sent(Channel.SMS, "+12015570102", "Delivered");
        String sid = stored(page).providerId();

        twilioWebhook(PATH, Map.of("MessageSid", sid, "MessageStatus", "sent"));
        twilioWebhook(PATH, Map.of("MessageSid", sid, "MessageStatus", "delivered"));
        twilioWebhook(PATH, Map.of("MessageSid", sid, "MessageStatus", "delivered"));
        twilioWebhook(PATH, Map.of("MessageSid", sid, "MessageStatus", "failed"));

        last(page, DeliveryStatus.DELIVERED);
        assertThat(stored(page).status()).isEqualTo("DELIVERED");
        assertThat(reportsOf(page)).extracting(DeliveryReported::status)
                .containsExactly(DeliveryStatus.SENT, DeliveryStatus.DELIVERED);
    }

    @Test
    void anUnansweredCallIsAFailedPageAndAnAnsweredOneIsReportedAnswered() {
        NotificationRequested unanswered = sent(Channel.VOICE, "+12015570103", "Nobody there");
        NotificationRequested answered = sent(Channel.VOICE, "+12015570104", "Picked up");

        twilioWebhook(PATH, Map.of("CallSid", stored(unanswered).providerId(), "CallStatus", "no-answer"));
        twilioWebhook(PATH, Map.of("CallSid", stored(answered).providerId(), "CallStatus", "completed"));

        assertThat(last(unanswered, DeliveryStatus.FAILED).detail()).contains("call no answer");
        last(answered, DeliveryStatus.ANSWERED);
    }

    @Test
    void anUnsignedCallbackIsRefusedAndChangesNothing() {
        NotificationRequested page = sent(Channel.SMS, "+12015570105", "Unsigned");

        int status = post(PATH, Map.of("MessageSid", stored(page).providerId(), "MessageStatus", "undelivered"), null)
                .statusCode();

        assertThat(status).isEqualTo(403);
        assertThat(stored(page).status()).isEqualTo("SENT");
    }

    private NotificationRequested sent(Channel channel, String number, String summary) {
        NotificationRequested page = TestPages.toUser(channel, number, summary);
        request(page);
        await().atMost(A_MOMENT).until(() -> reportsOf(page).stream().anyMatch(r -> r.status() == DeliveryStatus.SENT));
        return page;
    }

    private static DeliveryReported last(NotificationRequested page, DeliveryStatus status) {
        await().atMost(A_MOMENT).until(() -> reportsOf(page).stream().anyMatch(r -> r.status() == status));
        return reportsOf(page).stream().filter(r -> r.status() == status).findFirst().orElseThrow();
    }
}
