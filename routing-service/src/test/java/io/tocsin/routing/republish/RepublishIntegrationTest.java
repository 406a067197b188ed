package io.tocsin.routing.republish;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.ContactMethodUpdated;
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
import tools.jackson.databind.JsonNode;

/** After a move to a new Kafka cluster an admin has routing publish integrations and contact methods again. */
@RoutingIntegrationTest
class RepublishIntegrationTest {

    private static final Duration A_MOMENT = Duration.ofSeconds(30);

    @Autowired
    AdminApi api;
    @Autowired
    OnCall onCall;

    @Test
    void everyKeyAndContactMethodIsAnnouncedAgain() throws Exception {
        String integrations = "/api/v1/services/" + onCall.service(null).id() + "/integrations";
        String key = ok(api.call("POST", integrations, "{\"type\":\"GENERIC\",\"name\":\"cron\"}"), 201)
                .path("key").asString();
        String user = ok(api.call("POST", "/api/v1/users", "{\"name\":\"Rhea\"}"), 201).path("id").asString();
        String phone = ok(api.call("POST", "/api/v1/users/" + user + "/contact-methods",
                "{\"channel\":\"SMS\",\"address\":\"+12015550161\",\"verified\":true}"), 201).path("id").asString();

        try (var keys = TestKafka.record(Topics.INTEGRATIONS, IntegrationUpdated.class);
                var methods = TestKafka.record(Topics.CONTACT_METHODS, ContactMethodUpdated.class)) {
            await().atMost(A_MOMENT).untilAsserted(() -> {
                assertThat(keys.messages()).filteredOn(update -> update.keyHash().equals(SecretHash.of(key))).hasSize(1);
                assertThat(methods.messages()).filteredOn(update -> update.contactMethodId().toString().equals(phone))
                        .hasSize(1);
            });

            JsonNode republished = ok(api.call("POST", "/api/v1/operations/republish", null), 202);
            assertThat(republished.path("integrationKeys").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(republished.path("contactMethods").asInt()).isGreaterThanOrEqualTo(1);

            await().atMost(A_MOMENT).untilAsserted(() -> {
                assertThat(keys.messages()).filteredOn(update -> update.keyHash().equals(SecretHash.of(key)))
                        .hasSize(2).allSatisfy(update -> assertThat(update.enabled()).isTrue());
                assertThat(methods.messages()).filteredOn(update -> update.contactMethodId().toString().equals(phone))
                        .hasSize(2).allSatisfy(update -> {
                            assertThat(update.userName()).isEqualTo("Rhea");
                            assertThat(update.address()).isEqualTo("+12015550161");
                            assertThat(update.removed()).isFalse();
                        });
            });
        }
    }

    @Test
    void onlyAnAdminMayRepublish() throws Exception {
        String readOnly = ok(api.call("POST", "/api/v1/api-tokens", "{\"name\":\"grafana\",\"role\":\"READ_ONLY\"}"), 201)
                .path("token").asString();

        var refused = api.call(readOnly, "POST", "/api/v1/operations/republish", null);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("needs an ADMIN token");
    }
}
