package io.tocsin.routing.service;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.IntegrationUpdated;
import io.tocsin.contracts.SecretHash;
import io.tocsin.contracts.Topics;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.testkit.MutableClock;
import io.tocsin.testkit.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** An admin rotates a key: monitors move to the new key while the old one keeps working until its time is up. */
@RoutingIntegrationTest
class KeyRotationIntegrationTest {

    @Autowired
    AdminApi api;
    @Autowired
    OnCall onCall;
    @Autowired
    MutableClock clock;

    /** Whether ingest, reading the topic to its end, would accept the key: the latest record of its hash. */
    private static Optional<Boolean> accepted(List<IntegrationUpdated> updates, String key) {
        return updates.stream().filter(update -> update.keyHash().equals(SecretHash.of(key)))
                .reduce((first, second) -> second).map(IntegrationUpdated::enabled);
    }

    @Test
    void theOldKeyWorksUntilItsTimeThenOnlyTheNewOne() throws Exception {
        String integrations = "/api/v1/services/" + onCall.service(null).id() + "/integrations";
        JsonNode created = ok(api.call("POST", integrations, "{\"type\":\"GENERIC\",\"name\":\"cron\"}"), 201);
        String oldKey = created.path("key").asString();
        String rotate = integrations + "/" + created.path("integration").path("id").asString() + "/rotate-key";

        try (var announced = TestKafka.record(Topics.INTEGRATIONS, IntegrationUpdated.class)) {
            Instant validUntil = clock.instant().plus(Duration.ofHours(1));
            JsonNode rotated = ok(api.call("POST", rotate, "{\"oldKeyValidUntil\":\"" + validUntil + "\"}"), 200);
            String newKey = rotated.path("key").asString();
            assertThat(newKey).hasSize(32).isNotEqualTo(oldKey);
            String integration = rotate.replace("/rotate-key", "");
            assertThat(ok(api.call("GET", integration, null), 200).path("oldKeysValidUntil").get(0).asString())
                    .isEqualTo(validUntil.toString());

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(accepted(announced.messages(), newKey)).contains(true);
                assertThat(accepted(announced.messages(), oldKey)).contains(true);
            });
            clock.advance(Duration.ofMinutes(61));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(accepted(announced.messages(), oldKey)).contains(false);
                assertThat(accepted(announced.messages(), newKey)).contains(true);
            });
            // ingest answers the expired key that it was rotated and when it stopped, not that the integration is off
            assertThat(announced.messages().stream().filter(update -> update.keyHash().equals(SecretHash.of(oldKey)))
                    .reduce((first, second) -> second).map(IntegrationUpdated::keyExpiredAt)).contains(validUntil);
            assertThat(ok(api.call("GET", integration, null), 200).path("oldKeysValidUntil")).isEmpty();
        }
        ok(api.call("POST", integrations + "/" + UUID.randomUUID() + "/rotate-key",
                "{\"oldKeyValidUntil\":\"" + clock.instant() + "\"}"), 404);
        assertThat(ok(api.call("POST", rotate, "{}"), 400).path("detail").asString()).contains("'oldKeyValidUntil'");
    }
}
