package io.tocsin.notifier;

import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.ContactMethodUpdated;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.IncidentChanged;
import io.tocsin.contracts.IncidentCommand;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.SealedSecrets;
import io.tocsin.contracts.Topics;
import io.tocsin.testkit.FakeNtfy;
import io.tocsin.testkit.FakeSlack;
import io.tocsin.testkit.FakeSmtp;
import io.tocsin.testkit.FakeTwilio;
import io.tocsin.testkit.FakeVonage;
import io.tocsin.testkit.MutableClock;
import io.tocsin.testkit.TestHttp;
import io.tocsin.testkit.TestKafka;
import io.tocsin.testkit.TocsinIntegrationTest;
import io.tocsin.notifier.directory.Contact;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The notifier against the shared Kafka and PostgreSQL, with every provider it has credentials for faked. All
 * test classes extending this one get the same configuration, so Spring caches a single notifier context for them;
 * the fakes live as long as that context, the test JVM. The notifier listens on a random port but believes it is
 * reached at {@link #PUBLIC_URL}, as behind a proxy that strips a path prefix. Its clock is {@link #clock}: at the
 * current time when each test starts, and moved by tests that wait for retries or throttle windows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=notifier", "tocsin.notifier.public-url=" + NotifierIntegrationTestBase.PUBLIC_URL})
@TocsinIntegrationTest
@Import(NotifierIntegrationTestBase.MovableClock.class)
public abstract class NotifierIntegrationTestBase {

    protected static final Duration A_MOMENT = Duration.ofSeconds(30);
    /** What the notifier is told its public address is: Twilio signs over it, links in pages start with it. */
    protected static final String PUBLIC_URL = "https://pager.example.test/notifier";
    protected static final FakeTwilio twilio = new FakeTwilio();
    /**
     * The second SMS/voice provider. Numbers go through Twilio alone, as before there was a choice, except those of
     * {@link #FAILOVER_PREFIX} (Twilio, then Vonage) and {@link #VONAGE_PREFIX} (Vonage, then Twilio).
     */
    protected static final FakeVonage vonage = new FakeVonage();
    protected static final String FAILOVER_PREFIX = "+44";
    protected static final String VONAGE_PREFIX = "+91";
    protected static final FakeSlack slack = new FakeSlack();
    protected static final FakeSmtp smtp = new FakeSmtp();
    protected static final FakeNtfy ntfy = new FakeNtfy();
    private static final String SECRET_KEY = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0zMmJ5dGU=";
    /** Seals the access tokens of PUSH contact methods as routing does, with the notifier's TOCSIN_SECRET_KEYS. */
    protected static final SealedSecrets SECRETS = new SealedSecrets(List.of(SECRET_KEY));
    /** Signs webhook posts; webhooks may call 127.0.0.1, where the tests' receivers listen. */
    protected static final String WEBHOOK_SECRET = "webhook-secret-5d1e0c7a9b3f42e8";
    /** The keys signing email links: the first signs, the second is the one before a rotation and still verifies. */
    protected static final List<String> LINK_KEYS = List.of("current-link-key-0b9d2f6c41e8a7d35f10",
            "previous-link-key-7ac3e19b52d04f68e2b1");
    private static TestKafka.Recorder<DeliveryReported> reports;
    private static TestKafka.Recorder<IncidentCommand> commands;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected MutableClock clock;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("tocsin.twilio.account-sid", twilio::accountSid);
        registry.add("tocsin.twilio.auth-token", twilio::authToken);
        registry.add("tocsin.twilio.from-number", () -> "+15550009999");
        registry.add("tocsin.twilio.base-url", twilio::baseUrl);
        registry.add("tocsin.vonage.api-key", vonage::apiKey);
        registry.add("tocsin.vonage.api-secret", vonage::apiSecret);
        registry.add("tocsin.vonage.from", () -> "+15550008888");
        registry.add("tocsin.vonage.application-id", vonage::applicationId);
        registry.add("tocsin.vonage.private-key", vonage::privateKeyPem);
        registry.add("tocsin.vonage.signature-secret", vonage::signatureSecret);
        registry.add("tocsin.vonage.base-url", vonage::baseUrl);
        registry.add("tocsin.carriers.sms-providers", () -> "twilio");
        registry.add("tocsin.carriers.voice-providers", () -> "twilio");
        String routes = FAILOVER_PREFIX + ":twilio,vonage;" + VONAGE_PREFIX + ":vonage,twilio";
        registry.add("tocsin.carriers.sms-routes", () -> routes);
        registry.add("tocsin.carriers.voice-routes", () -> routes);
        registry.add("tocsin.slack.bot-token", slack::botToken);
        registry.add("tocsin.slack.base-url", slack::baseUrl);
        registry.add("tocsin.slack.signing-secret", slack::signingSecret);
        registry.add("tocsin.smtp.host", smtp::host);
        registry.add("tocsin.smtp.port", smtp::port);
        registry.add("tocsin.mail.from", () -> "Tocsin <tocsin@pager.example.test>");
        registry.add("tocsin.notifier.link-keys", () -> String.join(",", LINK_KEYS));
        registry.add("tocsin.notifier.webhook.secret", () -> WEBHOOK_SECRET);
        registry.add("tocsin.notifier.webhook.allowed-hosts", () -> "127.0.0.1");
        registry.add("tocsin.secret-keys", () -> SECRET_KEY);
    }

    @BeforeAll
    static void listenForReports() {
        reports = TestKafka.record(Topics.DELIVERIES, DeliveryReported.class);
        commands = TestKafka.record(Topics.COMMANDS, IncidentCommand.class);
    }

    /** Signed requests (Slack's, email links) are checked against the notifier's clock: it starts each test on time. */
    @BeforeEach
    void clockOnTime() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    @AfterAll
    static void stopListening() {
        reports.close();
        commands.close();
    }

    /** The notifier's local address for a path, e.g. {@code local("/webhooks/twilio/sms")}. */
    protected String local(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /**
     * Posts a form to one of the notifier's Twilio webhooks as Twilio would: signed over the public URL of
     * {@code pathAndQuery} and the form parameters. Returns the status and the body (TwiML or a problem).
     */
    protected HttpResponse<String> twilioWebhook(String pathAndQuery, Map<String, String> form) {
        return post(pathAndQuery, form, twilio.signature(PUBLIC_URL + pathAndQuery, form));
    }

    /** Posts a form to one of the notifier's Vonage SMS webhooks as given (sign it with {@code vonage.signed}). */
    protected HttpResponse<String> vonageWebhook(String path, Map<String, String> form) {
        return post(path, form, null);
    }

    /** Posts a form to the notifier with this {@code X-Twilio-Signature} (null: none). */
    protected HttpResponse<String> post(String pathAndQuery, Map<String, String> form, String twilioSignature) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(local(pathAndQuery)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (twilioSignature != null) {
            request.header("X-Twilio-Signature", twilioSignature);
        }
        return TestHttp.send(request.build());
    }

    /** Announces a contact method as routing does, and waits until the notifier knows it. */
    protected Contact contact(String userName, Channel channel, String address) {
        Contact contact = new Contact(UUID.randomUUID(), UUID.randomUUID(), userName, channel, address);
        TestKafka.send(Topics.CONTACT_METHODS, contact.id().toString(), new ContactMethodUpdated(UUID.randomUUID(),
                ContactMethodUpdated.SCHEMA_VERSION, contact.id(), contact.userId(), userName, channel, address, false,
                Instant.now()));
        await().atMost(A_MOMENT).until(() -> jdbc.sql("select count(*) from contact_method where id = :id")
                .param("id", contact.id()).query(Integer.class).single() == 1);
        return contact;
    }

    /** Announces the contact method's removal as routing does. */
    protected static void removeContact(Contact contact) {
        TestKafka.send(Topics.CONTACT_METHODS, contact.id().toString(), new ContactMethodUpdated(UUID.randomUUID(),
                ContactMethodUpdated.SCHEMA_VERSION, contact.id(), contact.userId(), contact.userName(),
                contact.channel(), contact.address(), true, Instant.now()));
    }

    /** Publishes an incident's change as routing does, and waits until the notifier recorded it. */
    protected void incidentChanged(NotificationRequested page, IncidentStatus status, String actor, String via) {
        TestKafka.send(Topics.INCIDENTS, page.incidentId().toString(), new IncidentChanged(UUID.randomUUID(),
                IncidentChanged.SCHEMA_VERSION, page.incidentId(), UUID.randomUUID(), "dedup", status, page.summary(),
                actor, via, Instant.now(), page.incidentNumber()));
        await().atMost(A_MOMENT).until(() -> jdbc.sql("select status from incident where id = :id")
                .param("id", page.incidentId()).query(String.class).optional().filter(status.name()::equals).isPresent());
    }

    /** The commands the notifier issued about this incident so far. */
    protected static List<IncidentCommand> commandsFor(UUID incidentId) {
        return commands.messages().stream().filter(c -> c.incidentId().equals(incidentId)).toList();
    }

    /** Publishes the request as routing does, keyed by its incident (a message about none: by its contact method). */
    protected static void request(NotificationRequested page) {
        TestKafka.send(Topics.NOTIFICATIONS, (page.isPage() ? page.incidentId() : page.contactMethodId()).toString(),
                page);
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

    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClock {

        @Bean
        @Primary
        MutableClock testClock() {
            return MutableClock.startingNow();
        }
    }
}
