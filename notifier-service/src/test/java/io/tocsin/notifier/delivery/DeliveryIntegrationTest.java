package io.tocsin.notifier.delivery;

import static io.tocsin.notifier.TestPages.toUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierIntegrationTestBase;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The notifier sending SMS through the real Twilio SDK to a fake Twilio. */
class DeliveryIntegrationTest extends NotifierIntegrationTestBase {

    @Test
    void anSmsPageGoesThroughTwilioAndIsReportedSent() {
        NotificationRequested page = toUser(Channel.SMS, "+15550400001", "Search latency high");

        request(page);

        await().atMost(A_MOMENT).untilAsserted(() -> assertThat(twilio.messages()).anySatisfy(sms -> {
            assertThat(sms.to()).isEqualTo("+15550400001");
            assertThat(sms.from()).isEqualTo("+15550009999");
            assertThat(sms.body()).contains("[CRITICAL] Search latency high").contains("service Search");
        }));
        assertThat(reportOf(page).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(stored(page).status()).isEqualTo("SENT");
    }

    @Test
    void aReportKafkaDidNotTakeIsSentAgainUntilRoutingHasIt() {
        NotificationRequested page = toUser(Channel.SMS, "+15550400004", "Reported late " + UUID.randomUUID());
        request(page);
        DeliveryReported first = reportOf(page);
        // as if Kafka had been away when the report was made: the page is settled, routing was not told
        jdbc.sql("update notification set reported = null where id = :id").param("id", page.id()).update();

        clock.advance(Duration.ofSeconds(11));

        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 2);
        DeliveryReported again = reportsOf(page).getLast();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(twilio.messages()).filteredOn(sms -> sms.body().contains(page.summary())).hasSize(1);
    }

    @Test
    void aRedeliveredRequestIsNotSentTwice() {
        NotificationRequested page = toUser(Channel.SMS, "+15550400002", "Sent once " + UUID.randomUUID());
        request(page);
        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 1);

        request(page);

        // the repeat is reported again, with the same report id, so routing records it once
        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 2);
        assertThat(reportsOf(page)).extracting(DeliveryReported::id).containsOnly(reportsOf(page).getFirst().id());
        assertThat(twilio.messages()).filteredOn(sms -> sms.body().contains(page.summary())).hasSize(1);
    }

    @Test
    void aNumberTwilioRejectsIsAPermanentFailureReportedWithTwiliosReason() {
        NotificationRequested page = toUser(Channel.SMS, "555-not-a-number", "Never delivered");

        request(page);

        DeliveryReported report = reportOf(page);
        assertThat(report.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(report.detail()).contains("21211");
        assertThat(stored(page).status()).isEqualTo("FAILED");
    }

    @Test
    void aTwilio500IsOneAttemptOnTheTimelineAndTocsinMakesTheNext() {
        NotificationRequested page = toUser(Channel.SMS, "+15550400031", "Twilio answered 500 " + UUID.randomUUID());
        twilio.failNext(1, 500, 20500);

        request(page);

        assertThat(reportOf(page)).extracting(DeliveryReported::status, DeliveryReported::attempt)
                .containsExactly(DeliveryStatus.RETRYING, 1);
        assertThat(twilio.messages()).noneMatch(sms -> sms.body().contains(page.summary()));
        clock.advance(Duration.ofSeconds(20));
        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 2);
        assertThat(reportsOf(page).getLast()).extracting(DeliveryReported::status, DeliveryReported::attempt)
                .containsExactly(DeliveryStatus.SENT, 2);
        assertThat(twilio.messages()).filteredOn(sms -> sms.body().contains(page.summary())).hasSize(1);
    }
}
