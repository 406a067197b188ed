package io.tocsin.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Topics;
import io.tocsin.contracts.Urgency;
import io.tocsin.testkit.FakeTwilio;
import io.tocsin.testkit.TestKafka;
import io.tocsin.testkit.TocsinIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The notifier against real Kafka and PostgreSQL, sending SMS through the real Twilio SDK to a fake Twilio. */
@SpringBootTest(properties = "spring.config.name=notifier")
@TocsinIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class DeliveryIntegrationTest {

    private static final Duration A_MOMENT = Duration.ofSeconds(30);
    private static final FakeTwilio twilio = new FakeTwilio();
    private static TestKafka.Recorder<DeliveryReported> reports;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void twilio(DynamicPropertyRegistry registry) {
        registry.add("tocsin.twilio.account-sid", twilio::accountSid);
        registry.add("tocsin.twilio.auth-token", twilio::authToken);
        registry.add("tocsin.twilio.from-number", () -> "+15550009999");
        registry.add("tocsin.twilio.base-url", twilio::baseUrl);
    }

    @BeforeAll
    static void listen() {
        reports = TestKafka.record(Topics.DELIVERIES, DeliveryReported.class);
    }

    @AfterAll
    static void stop() {
        reports.close();
        twilio.close();
    }

    private static NotificationRequested page(Channel channel, String address, String summary) {
        return new NotificationRequested(UUID.randomUUID(), NotificationRequested.SCHEMA_VERSION, UUID.randomUUID(),
                UUID.randomUUID(), "Hedy", UUID.randomUUID(), channel, address, "Search", summary, Severity.CRITICAL,
                Urgency.HIGH, Instant.now());
    }

    private static void request(NotificationRequested page) {
        TestKafka.send(Topics.NOTIFICATIONS, page.incidentId().toString(), page);
    }

    private static List<DeliveryReported> reportsOf(NotificationRequested page) {
        return reports.messages().stream().filter(r -> r.notificationId().equals(page.id())).toList();
    }

    private String status(NotificationRequested page) {
        return jdbc.sql("select status from notification where id = :id").param("id", page.id())
                .query(String.class).optional().orElse(null);
    }

    @Test
    void anSmsPageGoesThroughTwilioAndIsReportedSent() {
        NotificationRequested page = page(Channel.SMS, "+15550400001", "Search latency high");

        request(page);

        await().atMost(A_MOMENT).untilAsserted(() -> assertThat(twilio.messages()).anySatisfy(sms -> {
            assertThat(sms.to()).isEqualTo("+15550400001");
            assertThat(sms.from()).isEqualTo("+15550009999");
            assertThat(sms.body()).contains("[CRITICAL] Search latency high").contains("service Search");
        }));
        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 1);
        assertThat(reportsOf(page).getFirst().status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(status(page)).isEqualTo("SENT");
    }

    @Test
    void aRedeliveredRequestIsNotSentTwice() {
        NotificationRequested page = page(Channel.SMS, "+15550400002", "Sent once " + UUID.randomUUID());
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
        NotificationRequested page = page(Channel.SMS, "555-not-a-number", "Never delivered");

        request(page);

        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 1);
        DeliveryReported report = reportsOf(page).getFirst();
        assertThat(report.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(report.detail()).contains("21211");
        assertThat(status(page)).isEqualTo("FAILED");
    }

    @Test
    void aChannelWithoutCredentialsPrintsThePageOnTheConsoleWithTheNumberMasked(CapturedOutput output) {
        NotificationRequested page = page(Channel.VOICE, "+15550400003", "Call me maybe");

        request(page);

        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 1);
        assertThat(output.getOut()).contains("[tocsin page] VOICE (no credentials configured, not sent) to Hedy at +*******0003")
                .doesNotContain("+15550400003");
        assertThat(reportsOf(page).getFirst().detail()).contains("no VOICE credentials");
    }
}
