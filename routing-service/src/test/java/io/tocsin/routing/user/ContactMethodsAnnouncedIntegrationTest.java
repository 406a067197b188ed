package io.tocsin.routing.user;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.ContactMethodUpdated;
import io.tocsin.contracts.Topics;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.testkit.TestInfrastructure;
import io.tocsin.testkit.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The notifier learns every contact method from routing's compacted topic: added, removed, or gone with its user. */
@RoutingIntegrationTest
class ContactMethodsAnnouncedIntegrationTest {

    private static final Duration A_MOMENT = Duration.ofSeconds(30);

    @Autowired
    AdminApi api;

    @Test
    void addingAndRemovingContactMethodsOrTheirUserIsAnnouncedOnACompactedTopic() throws Exception {
        String lea = ok(api.call("POST", "/api/v1/users", "{\"name\":\"Lea\"}"), 201).path("id").asString();
        String phone = ok(api.call("POST", "/api/v1/users/" + lea + "/contact-methods",
                "{\"channel\":\"SMS\",\"address\":\"+12015550150\",\"verified\":true}"), 201).path("id").asString();
        String slack = ok(api.call("POST", "/api/v1/users/" + lea + "/contact-methods",
                "{\"channel\":\"SLACK\",\"address\":\"U0LEA\"}"), 201).path("id").asString();
        // an address not verified yet is not known to be Lea's: the notifier ties no answer from it to her
        String email = ok(api.call("POST", "/api/v1/users/" + lea + "/contact-methods",
                "{\"channel\":\"EMAIL\",\"address\":\"lea@example.test\"}"), 201).path("id").asString();
        // routing creates the topic on its first announcement; a reader subscribing first would create a plain one
        await().atMost(A_MOMENT).ignoreExceptions().until(() -> cleanupPolicy(Topics.CONTACT_METHODS),
                TopicConfig.CLEANUP_POLICY_COMPACT::equals);

        try (var announced = TestKafka.record(Topics.CONTACT_METHODS, ContactMethodUpdated.class)) {
            await().atMost(A_MOMENT).untilAsserted(() -> assertThat(announced.messages())
                    .filteredOn(update -> update.contactMethodId().toString().equals(phone)).singleElement()
                    .satisfies(update -> {
                        assertThat(update.userId().toString()).isEqualTo(lea);
                        assertThat(update.userName()).isEqualTo("Lea");
                        assertThat(update.channel()).isEqualTo(Channel.SMS);
                        assertThat(update.address()).isEqualTo("+12015550150");
                        assertThat(update.removed()).isFalse();
                    }));

            await().atMost(A_MOMENT).untilAsserted(() -> assertThat(announced.messages())
                    .filteredOn(update -> update.contactMethodId().toString().equals(email))
                    .extracting(ContactMethodUpdated::removed).containsExactly(true));
            // a new number for a verified method is not verified: no longer announced as Lea's
            ok(api.call("PUT", "/api/v1/users/" + lea + "/contact-methods/" + phone,
                    "{\"channel\":\"SMS\",\"address\":\"+12015550151\"}"), 200);
            await().atMost(A_MOMENT).untilAsserted(() -> assertThat(announced.messages())
                    .filteredOn(update -> update.contactMethodId().toString().equals(phone))
                    .extracting(ContactMethodUpdated::removed).containsExactly(false, true));

            ok(api.call("DELETE", "/api/v1/users/" + lea + "/contact-methods/" + phone, null), 204);
            await().atMost(A_MOMENT).untilAsserted(() -> assertThat(announced.messages())
                    .filteredOn(update -> update.contactMethodId().toString().equals(phone))
                    .extracting(ContactMethodUpdated::removed).containsExactly(false, true, true));

            ok(api.call("DELETE", "/api/v1/users/" + lea, null), 204);
            await().atMost(A_MOMENT).untilAsserted(() -> assertThat(announced.messages())
                    .filteredOn(update -> update.contactMethodId().toString().equals(slack))
                    .extracting(ContactMethodUpdated::removed).containsExactly(false, true));
        }
    }

    private static String cleanupPolicy(String topicName) throws Exception {
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, topicName);
            return kafka.describeConfigs(List.of(topic)).all().get().get(topic)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        }
    }
}
