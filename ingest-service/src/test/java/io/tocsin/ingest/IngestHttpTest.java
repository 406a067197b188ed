package io.tocsin.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.IntegrationUpdated;
import io.tocsin.contracts.SecretHash;
import io.tocsin.contracts.Topics;
import io.tocsin.ingest.cloudwatch.LocalSns;
import io.tocsin.ingest.integration.IntegrationDirectory;
import io.tocsin.testkit.TestKafka;
import io.tocsin.testkit.TocsinIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * What ingest's HTTP tests share: one Spring context on the shared broker (every subclass has the same
 * configuration, so Spring caches one), integrations announced over Kafka as routing would, a plain HTTP client,
 * and a recording of everything ingest published.
 */
@SpringBootTest(properties = "spring.config.name=ingest", webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TocsinIntegrationTest
@Import(LocalSnsConfiguration.class)
public abstract class IngestHttpTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static TestKafka.Recorder<AlertEvent> alerts;

    @LocalServerPort
    protected int port;

    @Autowired
    protected IntegrationDirectory directory;

    @Autowired
    protected LocalSns sns;

    /** An integration ingest has learnt of from the integrations topic. */
    protected record TestIntegration(String key, UUID integrationId, UUID serviceId) {
    }

    /** Announces a new enabled integration of {@code type} and waits until ingest knows it. */
    protected TestIntegration integration(IntegrationType type, Map<String, String> settings) {
        return announce(type, settings, true);
    }

    protected TestIntegration integration(IntegrationType type) {
        return integration(type, Map.of());
    }

    protected TestIntegration announce(IntegrationType type, Map<String, String> settings, boolean enabled) {
        return announce(type, settings, enabled, null);
    }

    /** Announces a key, as routing does; one with {@code keyExpiredAt} is a rotated key that stopped working then. */
    protected TestIntegration announce(IntegrationType type, Map<String, String> settings, boolean enabled,
            Instant keyExpiredAt) {
        String key = SecretHash.generate();
        var integration = new TestIntegration(key, UUID.randomUUID(), UUID.randomUUID());
        TestKafka.send(Topics.INTEGRATIONS, SecretHash.of(key), new IntegrationUpdated(UUID.randomUUID(),
                IntegrationUpdated.SCHEMA_VERSION, SecretHash.of(key), integration.integrationId(),
                integration.serviceId(), type.name(), enabled, settings, Instant.now(), keyExpiredAt));
        await().atMost(Duration.ofSeconds(20)).until(() -> directory.find(key).isPresent());
        return integration;
    }

    /** Everything ingest published for the integration's service so far. */
    protected static List<AlertEvent> published(TestIntegration integration) {
        return recorder().messages().stream()
                .filter(event -> event.serviceId().equals(integration.serviceId())).toList();
    }

    /** Waits until the integration's service has {@code count} events, and returns them. */
    protected static List<AlertEvent> awaitPublished(TestIntegration integration, int count) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> published(integration), events ->
                events.size() >= count);
    }

    /**
     * After rejected requests and then one accepted marker event: checks the marker is all the service ever got,
     * so the rejected requests published nothing.
     */
    protected static void assertOnlyTheMarkerWasPublished(TestIntegration integration, String markerDedupKey) {
        assertThat(awaitPublished(integration, 1)).extracting(AlertEvent::dedupKey).containsExactly(markerDedupKey);
    }

    private static synchronized TestKafka.Recorder<AlertEvent> recorder() {
        if (alerts == null) {
            alerts = TestKafka.record(Topics.ALERTS, AlertEvent.class);
        }
        return alerts;
    }

    protected HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(headers.length == 0 ? request : request.headers(headers));
    }

    protected HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30)).GET();
        return send(headers.length == 0 ? request : request.headers(headers));
    }

    protected HttpResponse<String> postJson(String path, String json, String... headers) {
        return post(path, "application/json", json, headers);
    }

    protected URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    protected static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
