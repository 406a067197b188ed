package io.tocsin.notifier.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierIntegrationTestBase;
import io.tocsin.notifier.TestPages;
import io.tocsin.notifier.directory.Contact;
import io.tocsin.testkit.TestHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * Numbers routed Twilio first, then Vonage: a page Twilio cannot take, does not deliver, or sends no receipt for (an
 * SMS's delivery receipt, a call's first status) goes out through Vonage, once; a Twilio that keeps failing is skipped until its breaker's wait is over.
 */
class FailoverIntegrationTest extends NotifierIntegrationTestBase {

    @Autowired
    ProviderBreakers breakers;

    @LocalManagementPort
    int managementPort;

    @BeforeEach
    void providersHealthy() {
        breakers.reset();
    }

    @AfterEach
    void twilioBack() {
        twilio.endOutage();
    }

    @Test
    void aPageTwilioRefusesGoesThroughVonageAtOnceAndTheReportSaysSo() {
        Contact alice = contact("Alice", Channel.SMS, TestPages.newPhoneNumber(FAILOVER_PREFIX));
        twilio.failNext(1, 503, 20500);
        NotificationRequested page = TestPages.toContact(alice, "Checkout down");

        request(page);

        DeliveryReported sent = reportOf(page);
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.provider()).isEqualTo("Vonage");
        assertThat(sent.failedOver()).isEqualTo("Twilio failed (HTTP 503)");
        assertThat(vonageSmsTo(alice)).isEqualTo(1);
        assertThat(twilioSmsTo(alice)).isZero();
    }

    @Test
    void anSmsTwilioReportsUndeliveredGoesOutOnceMoreThroughVonageAndNoMore() {
        Contact bob = contact("Bob", Channel.SMS, TestPages.newPhoneNumber(FAILOVER_PREFIX));
        NotificationRequested page = TestPages.toContact(bob, "Replica lag");
        request(page);
        assertThat(reportOf(page).provider()).isEqualTo("Twilio");
        String twilioSid = stored(page).providerId();

        Map<String, String> undelivered = Map.of("MessageSid", twilioSid, "MessageStatus", "undelivered",
                "ErrorCode", "30003");
        assertThat(twilioWebhook("/webhooks/twilio/status", undelivered).statusCode()).isEqualTo(204);

        await().atMost(A_MOMENT).until(() -> reportsOf(page).stream().anyMatch(r -> "Vonage".equals(r.provider())));
        assertThat(reportsOf(page)).extracting(DeliveryReported::status)
                .containsExactly(DeliveryStatus.SENT, DeliveryStatus.RETRYING, DeliveryStatus.SENT);
        assertThat(reportsOf(page).get(1).detail()).contains("Twilio: SMS undelivered").contains("through Vonage");
        assertThat(reportsOf(page).getLast().failedOver()).isEqualTo("Twilio failed (it did not deliver the page)");
        assertThat(vonageSmsTo(bob)).isEqualTo(1);

        // the one extra copy is spent: Vonage not delivering either is the page's end, not a third copy
        twilioWebhook("/webhooks/twilio/status", undelivered);
        String vonageId = stored(page).providerId();
        vonageWebhook("/webhooks/vonage/status", vonage.signed(Map.of("messageId", vonageId, "status", "failed",
                "err-code", "1"), clock.instant()));
        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 4);
        assertThat(reportsOf(page).getLast().status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(twilioSmsTo(bob) + vonageSmsTo(bob)).isEqualTo(2);
    }

    @Test
    void noDeliveryReceiptWithinTheTimeoutSendsOneCopyThroughVonage() {
        Contact carol = contact("Carol", Channel.SMS, TestPages.newPhoneNumber(FAILOVER_PREFIX));
        NotificationRequested page = TestPages.toContact(carol, "Slow carrier");
        request(page);
        reportOf(page);

        clock.advance(Duration.ofSeconds(59));
        clock.advance(Duration.ofSeconds(2));

        await().atMost(A_MOMENT).until(() -> vonageSmsTo(carol) == 1);
        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 3);
        assertThat(reportsOf(page).get(1).detail()).startsWith("no delivery receipt from Twilio by ");
        clock.advance(Duration.ofMinutes(5));
        assertThat(twilioSmsTo(carol)).isEqualTo(1);
        assertThat(vonageSmsTo(carol)).isEqualTo(1);
    }

    @Test
    void aCallWithNoStatusWithinTheTimeoutIsPlacedThroughVonageAndARingingOneIsNot() {
        Contact fay = contact("Fay", Channel.VOICE, TestPages.newPhoneNumber(FAILOVER_PREFIX));
        Contact gus = contact("Gus", Channel.VOICE, TestPages.newPhoneNumber(FAILOVER_PREFIX));
        NotificationRequested silent = TestPages.toContact(fay, "Silent carrier");
        NotificationRequested ringing = TestPages.toContact(gus, "Ringing phone");
        request(silent);
        request(ringing);
        assertThat(reportOf(silent).provider()).isEqualTo("Twilio");
        assertThat(reportOf(ringing).provider()).isEqualTo("Twilio");
        assertThat(twilioWebhook("/webhooks/twilio/status", Map.of("CallSid", stored(ringing).providerId(),
                "CallStatus", "ringing")).statusCode()).isEqualTo(204);

        clock.advance(Duration.ofSeconds(61));

        await().atMost(A_MOMENT).until(() -> vonageCallsTo(fay) == 1);
        await().atMost(A_MOMENT).until(() -> reportsOf(silent).size() == 3);
        assertThat(reportsOf(silent).get(1).detail()).startsWith("no call status from Twilio by ")
                .endsWith("through Vonage now");
        assertThat(reportsOf(silent).getLast().failedOver()).isEqualTo("Twilio failed (it did not deliver the page)");
        // the overdue calls failed over in one statement: the ringing call was not among them
        assertThat(vonageCallsTo(gus)).isZero();
        assertThat(reportsOf(ringing)).extracting(DeliveryReported::status).containsExactly(DeliveryStatus.SENT);
        assertThat(twilio.calls().stream().filter(c -> c.to().equals(fay.address())).count()).isEqualTo(1);
    }

    @Test
    void twilioFailingIsSkippedUntilTheBreakersWaitIsOverAndThenUsedAgain() {
        twilio.startOutage(503, 20500, Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            Contact dave = contact("Dave", Channel.SMS, TestPages.newPhoneNumber(FAILOVER_PREFIX));
            NotificationRequested page = TestPages.toContact(dave, "Outage page " + i);
            request(page);
            assertThat(reportOf(page).provider()).isEqualTo("Vonage");
            assertThat(vonageSmsTo(dave)).isEqualTo(1);
        }
        assertThat(breakers.state("twilio")).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(TestHttp.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                + "/actuator/prometheus")).GET().build()).body())
                .contains("tocsin_notifier_provider_circuit_open{provider=\"twilio\"} 1.0");
        assertThat(TestHttp.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                + "/actuator/health")).GET().build()).body()).contains("\"twilio\":\"OPEN\"");

        twilio.endOutage();
        Contact erin = contact("Erin", Channel.SMS, TestPages.newPhoneNumber(FAILOVER_PREFIX));
        NotificationRequested skipping = TestPages.toContact(erin, "Still skipped");
        request(skipping);
        // skipped without a try: nothing failed for this page
        assertThat(reportOf(skipping).provider()).isEqualTo("Vonage");
        assertThat(reportOf(skipping).failedOver()).isNull();
        assertThat(vonageSmsTo(erin)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(31));
        NotificationRequested back = TestPages.toContact(erin, "Twilio again");
        request(back);
        assertThat(reportOf(back).provider()).isEqualTo("Twilio");
        assertThat(twilioSmsTo(erin)).isEqualTo(1);
    }

    private static long vonageSmsTo(Contact contact) {
        return vonage.messages().stream().filter(m -> m.to().equals(contact.address().substring(1))).count();
    }

    private static long vonageCallsTo(Contact contact) {
        return vonage.calls().stream().filter(c -> c.to().equals(contact.address().substring(1))).count();
    }

    private static long twilioSmsTo(Contact contact) {
        return twilio.messages().stream().filter(m -> m.to().equals(contact.address())).count();
    }
}
