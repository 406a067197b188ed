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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A team moving from PagerDuty keeps its integration keys: monitors change only the URL they post to. */
@RoutingIntegrationTest
class KeptIntegrationKeyIntegrationTest {

    @Autowired
    AdminApi api;
    @Autowired
    OnCall onCall;

    @Test
    void anIntegrationCreatedWithAKeyAcceptsItAndNoSecondIntegrationMayTakeIt() throws Exception {
        String integrations = "/api/v1/services/" + onCall.service(null).id() + "/integrations";
        // as another tool made it, outside Tocsin
        String key = SecretHash.generate();
        try (var announced = TestKafka.record(Topics.INTEGRATIONS, IntegrationUpdated.class)) {
            assertThat(ok(api.call("POST", integrations, "{\"type\":\"EVENTS_V2\",\"name\":\"moved\",\"key\":\"" + key
                    + "\"}"), 201).path("key").asString()).isEqualTo(key);
            await().atMost(Duration.ofSeconds(30)).until(() -> announced.messages().stream()
                    .anyMatch(update -> update.keyHash().equals(SecretHash.of(key)) && update.enabled()));
        }

        var taken = api.call("POST", integrations, "{\"type\":\"GENERIC\",\"name\":\"again\",\"key\":\"" + key + "\"}");
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.body()).contains("already the key of an integration");
        var malformed = api.call("POST", integrations, "{\"type\":\"GENERIC\",\"name\":\"short\",\"key\":\"abc\"}");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("32 letters and digits");
    }

    @Test
    void aUserIsRenamedOnlyIfUnchangedSinceRead() throws Exception {
        String user = "/api/v1/users/" + ok(api.call("POST", "/api/v1/users",
                "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}"), 201).path("id").asString();
        String etag = api.call("GET", user, null).headers().firstValue("ETag").orElseThrow();

        ok(api.callIfMatch("PUT", user, "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.org\"}", etag), 200);
        assertThat(ok(api.call("GET", user, null), 200).path("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(api.callIfMatch("PUT", user, "{\"name\":\"Ada L.\"}", etag).statusCode()).isEqualTo(412);
    }
}
