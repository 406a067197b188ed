package io.tocsin.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.IntegrationUpdated;
import io.tocsin.contracts.SecretHash;
import io.tocsin.ingest.integration.IntegrationDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With Kafka away, ingest answers 503 with Retry-After within its publish timeout, well inside a monitor's request
 * timeout, and never 202: an event is accepted only once Kafka has it. Its own small context points at a closed
 * port with a short publish timeout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=ingest",
        // no integrations consumer: the directory is filled by hand below, as the topic is unreachable
        "spring.cloud.function.definition=",
        "spring.cloud.stream.function.autodetect=false",
        "tocsin.ingest.publish-timeout=PT2S"})
class KafkaUnavailableIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    IntegrationDirectory directory;

    @DynamicPropertySource
    static void kafkaNowhere(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.stream.kafka.binder.brokers", () -> "127.0.0.1:" + closedPort());
    }

    @Test
    void eventsAreRefusedWith503AndRetryAfterNever202() throws Exception {
        String key = SecretHash.generate();
        directory.apply(new IntegrationUpdated(UUID.randomUUID(), IntegrationUpdated.SCHEMA_VERSION,
                SecretHash.of(key), UUID.randomUUID(), UUID.randomUUID(), IntegrationType.EVENTS_V2.name(), true,
                Map.of(), Instant.now()));
        HttpClient http = HttpClient.newHttpClient();

        for (int attempt = 0; attempt < 2; attempt++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/v2/enqueue"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"routing_key":"%s","event_action":"trigger","dedup_key":"db-down",
                             "payload":{"summary":"Database down","source":"db-1","severity":"critical"}}"""
                            .formatted(key)))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(response.body()).contains("could not be stored right now");
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
