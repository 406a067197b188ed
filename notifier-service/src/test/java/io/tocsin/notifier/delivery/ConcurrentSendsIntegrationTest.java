package io.tocsin.notifier.delivery;

import static io.tocsin.notifier.TestPages.newPhoneNumber;
import static io.tocsin.notifier.TestPages.toUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Topics;
import io.tocsin.notifier.NotifierIntegrationTestBase;
import io.tocsin.testkit.FakeTwilio.SentSms;
import io.tocsin.testkit.TestKafka;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Provider calls run side by side: a Twilio slow to answer for one number holds up no other page. */
class ConcurrentSendsIntegrationTest extends NotifierIntegrationTestBase {

    private final String slowNumber = newPhoneNumber();

    @AfterEach
    void answerTheSlowNumber() {
        twilio.release(slowNumber);
    }

    @Test
    void pagesToOtherNumbersGoOutWhileOneNumbersSendIsStillUnderWayAndThatOneIsSentOnce() {
        twilio.holdAnswersTo(slowNumber);
        NotificationRequested slow = toUser(Channel.SMS, slowNumber, "Checkout down " + UUID.randomUUID());
        // the same incident's pages to other people: the same key, so the same partition, right behind the slow one
        List<NotificationRequested> others = IntStream.range(0, 3)
                .mapToObj(i -> toUser(Channel.SMS, newPhoneNumber(), slow.summary(), slow.incidentId()))
                .toList();

        request(slow);
        await().atMost(A_MOMENT).until(() -> twilio.waitingFor(slowNumber) == 1);
        others.forEach(NotifierIntegrationTestBase::request);

        await().atMost(A_MOMENT).untilAsserted(() -> {
            assertThat(twilio.messages()).extracting(SentSms::to)
                    .containsAll(others.stream().map(NotificationRequested::address).toList());
            // while Twilio still has not answered for the slow number: no outcome, no timeout, no retry yet
            assertThat(twilio.waitingFor(slowNumber)).isEqualTo(1);
            assertThat(stored(slow).status()).isEqualTo("SENDING");
        });
        assertThat(others).allSatisfy(page -> assertThat(reportOf(page).status()).isEqualTo(DeliveryStatus.SENT));

        twilio.release(slowNumber);

        assertThat(reportOf(slow)).extracting(DeliveryReported::status, DeliveryReported::attempt)
                .containsExactly(DeliveryStatus.SENT, 1);
        assertThat(stored(slow).status()).isEqualTo("SENT");
        assertThat(twilio.messages()).filteredOn(sms -> sms.to().equals(slowNumber)).hasSize(1);
    }

    @Test
    void theReportOfASendMadeOnItsOwnThreadContinuesThePageRequestsTrace() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        NotificationRequested page = toUser(Channel.SMS, newPhoneNumber(), "Traced " + UUID.randomUUID());

        try (TestKafka.Recorder<DeliveryReported> deliveries = TestKafka.record(Topics.DELIVERIES, DeliveryReported.class)) {
            TestKafka.send(Topics.NOTIFICATIONS, page.incidentId().toString(), page,
                    Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));

            await().atMost(A_MOMENT).untilAsserted(() -> assertThat(deliveries.received())
                    .filteredOn(report -> report.message().notificationId().equals(page.id()))
                    .singleElement()
                    .satisfies(report -> assertThat(report.headers().get("traceparent")).contains(traceId)));
        }
    }
}
