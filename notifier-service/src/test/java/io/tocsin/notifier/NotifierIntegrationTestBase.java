package io.tocsin.notifier;

import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Topics;
import io.tocsin.testkit.FakeSlack;
import io.tocsin.testkit.FakeTwilio;
import io.tocsin.testkit.TestKafka;
import io.tocsin.testkit.TocsinIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The notifier against the shared Kafka and PostgreSQL, with every provider it has credentials for faked. All
 * test classes extending this one get the same configuration, so Spring caches a single notifier context for them;
 * the fakes live as long as that context, the test JVM.
 */
@SpringBootTest(properties = "spring.config.name=notifier")
@TocsinIntegrationTest
public abstract class NotifierIntegrationTestBase {

    protected static final Duration A_MOMENT = Duration.ofSeconds(30);
    protected static final FakeTwilio twilio = new FakeTwilio();
    protected static final FakeSlack slack = new FakeSlack();
    private static TestKafka.Recorder<DeliveryReported> reports;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("tocsin.twilio.account-sid", twilio::accountSid);
        registry.add("tocsin.twilio.auth-token", twilio::authToken);
        registry.add("tocsin.twilio.from-number", () -> "+15550009999");
        registry.add("tocsin.twilio.base-url", twilio::baseUrl);
        registry.add("tocsin.slack.bot-token", slack::botToken);
        registry.add("tocsin.slack.base-url", slack::baseUrl);
    }

    @BeforeAll
    static void listenForReports() {
        reports = TestKafka.record(Topics.DELIVERIES, DeliveryReported.class);
    }

    @AfterAll
    static void stopListening() {
        reports.close();
    }

    /** Publishes the request as routing does, keyed by its incident. */
    protected static void request(NotificationRequested page) {
        TestKafka.send(Topics.NOTIFICATIONS, page.incidentId().toString(), page);
    }

    /** What the notifier reported to routing about this page so far. */
    protected static List<DeliveryReported> reportsOf(NotificationRequested page) {
        return reports.messages().stream().filter(r -> r.notificationId().equals(page.id())).toList();
    }

    /** Waits for the one report of this page and answers it. */
    protected static DeliveryReported reportOf(NotificationRequested page) {
        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 1);
        return reportsOf(page).getFirst();
    }

    /** The page's row in the notifier's own table: its status, provider id and detail, or null if not stored. */
    protected Stored stored(NotificationRequested page) {
        return jdbc.sql("select status, provider_id, detail from notification where id = :id").param("id", page.id())
                .query(Stored.class).optional().orElse(null);
    }

    protected record Stored(String status, String providerId, String detail) {
    }
}
