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
import io.tocsin.testkit.TestKafka;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** An integration changes type, name and settings in place: its key stays, ingest hears of it, the change is audited. */
@RoutingIntegrationTest
class IntegrationChangeIntegrationTest {

    @Autowired
    AdminApi api;
    @Autowired
    OnCall onCall;

    @Test
    void anIntegrationBecomesAnotherTypeWithItsKeyAndIngestIsTold() throws Exception {
        String integrations = "/api/v1/services/" + onCall.service(null).id() + "/integrations";
        JsonNode created = ok(api.call("POST", integrations, "{\"type\":\"GENERIC\",\"name\":\"monitor\"}"), 201);
        String key = created.path("key").asString();
        String path = integrations + "/" + created.path("integration").path("id").asString();
        String etag = api.call("GET", path, null).headers().firstValue("ETag").orElseThrow();

        try (var announced = TestKafka.record(Topics.INTEGRATIONS, IntegrationUpdated.class)) {
            JsonNode changed = ok(api.callIfMatch("PUT", path, """
                    {"type":"ALERTMANAGER","name":"prometheus","settings":{"alertmanager.dedup":"group"}}""", etag),
                    200);
            assertThat(changed.path("type").asString()).isEqualTo("ALERTMANAGER");
            assertThat(changed.path("name").asString()).isEqualTo("prometheus");
            assertThat(changed.path("enabled").asBoolean()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> announced.messages().stream()
                    .anyMatch(update -> update.keyHash().equals(SecretHash.of(key))
                            && update.type().equals("ALERTMANAGER") && update.enabled()
                            && "group".equals(update.settings().get("alertmanager.dedup"))));
        }

        JsonNode entries = ok(api.call("GET", "/api/v1/audit-log?resourceType=INTEGRATION&resourceId="
                + created.path("integration").path("id").asString(), null), 200).path("entries");
        assertThat(entries.get(0).path("action").asString()).isEqualTo("UPDATE");
        assertThat(entries.get(0).path("before").path("type").asString()).isEqualTo("GENERIC");
        assertThat(entries.get(0).path("after").path("type").asString()).isEqualTo("ALERTMANAGER");
        // the ETag read before the change no longer matches
        assertThat(api.callIfMatch("PUT", path, "{\"type\":\"GENERIC\",\"name\":\"monitor\"}", etag).statusCode())
                .isEqualTo(412);
    }

    @Test
    void aSettingTheNewTypeDoesNotUnderstandOrAMissingIntegrationIsRefused() throws Exception {
        String integrations = "/api/v1/services/" + onCall.service(null).id() + "/integrations";
        String path = integrations + "/" + ok(api.call("POST", integrations,
                "{\"type\":\"ALERTMANAGER\",\"name\":\"am\",\"settings\":{\"alertmanager.dedup\":\"group\"}}"), 201)
                .path("integration").path("id").asString();

        assertThat(ok(api.call("PUT", path, """
                {"type":"GENERIC","name":"am","settings":{"alertmanager.dedup":"group"}}"""), 400)
                .path("detail").asString()).contains("is not a setting of a GENERIC integration");
        assertThat(ok(api.call("PUT", path, "{\"name\":\"no type\"}"), 400).path("detail").asString())
                .contains("type");
        assertThat(ok(api.call("PUT", integrations + "/" + UUID.randomUUID(), "{\"type\":\"GENERIC\",\"name\":\"x\"}"),
                404).path("detail").asString()).contains("has no integration");
        assertThat(ok(api.call("GET", path, null), 200).path("type").asString()).isEqualTo("ALERTMANAGER");
    }
}
