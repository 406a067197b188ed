package io.tocsin.routing.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Topics;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.testkit.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@RoutingIntegrationTest
class OutboxRelayIntegrationTest {

    private static final Duration A_MOMENT = Duration.ofSeconds(20);
    /** Over the producer's max.request.size (1 MB): Kafka refuses it every time. */
    private static final String TOO_LARGE = "x".repeat(2 * 1024 * 1024);

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aMessageKafkaRefusesHoldsBackOnlyTheLaterMessagesWithItsKeyAndNothingIsPublishedTwice() {
        // real notification requests, of an incident no other test knows: other tests record this topic too
        UUID run = UUID.randomUUID();
        String a = "a-" + run;
        String b = "b-" + run;
        try (var published = TestKafka.record(Topics.NOTIFICATIONS, NotificationRequested.class)) {
            tx.executeWithoutResult(status -> {
                outbox.append(Outbox.NOTIFICATIONS, a, probe(run, "a1", ""));
                outbox.append(Outbox.NOTIFICATIONS, a, probe(run, "a2", TOO_LARGE));
                outbox.append(Outbox.NOTIFICATIONS, a, probe(run, "a3", ""));
                outbox.append(Outbox.NOTIFICATIONS, b, probe(run, "b1", ""));
                outbox.append(Outbox.NOTIFICATIONS, b, probe(run, "b2", ""));
            });

            // a row is deleted in the transaction that sent it, so it may show on the topic a moment before that
            await().atMost(A_MOMENT).untilAsserted(() -> {
                assertThat(names(published, run)).containsExactlyInAnyOrder("a1", "b1", "b2");
                assertThat(waiting(a)).hasSize(2);
                assertThat(waiting(b)).isEmpty();
            });
            assertThat(names(published, run)).containsSubsequence("b1", "b2");

            // an operator removes the message Kafka will never take; the one behind it goes out, a1 never again
            jdbc.sql("delete from outbox where message_key = :key and length(payload) > 1000000").param("key", a).update();
            await().atMost(A_MOMENT).until(() -> waiting(a).isEmpty());
            await().atMost(A_MOMENT).untilAsserted(() -> assertThat(names(published, run))
                    .containsExactlyInAnyOrder("a1", "a3", "b1", "b2"));
            assertThat(names(published, run)).containsSubsequence("a1", "a3");
        }
    }

    /** A page whose summary names it, padded with {@code filler}. */
    private static NotificationRequested probe(UUID run, String name, String filler) {
        return new NotificationRequested(UUID.randomUUID(), NotificationRequested.SCHEMA_VERSION, run, null, null,
                null, Channel.SLACK, "#bench", "outbox", name, Severity.INFO, Urgency.LOW, Instant.now(), null,
                filler, Map.of());
    }

    private static List<String> names(TestKafka.Recorder<NotificationRequested> published, UUID run) {
        return published.messages().stream().filter(message -> run.equals(message.incidentId()))
                .map(NotificationRequested::summary).toList();
    }

    private List<Long> waiting(String key) {
        return jdbc.sql("select id from outbox where message_key = :key").param("key", key).query(Long.class).list();
    }
}
