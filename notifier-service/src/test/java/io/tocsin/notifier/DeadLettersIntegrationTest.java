package io.tocsin.notifier;

import static io.tocsin.notifier.TestPages.toUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Topics;
import io.tocsin.testkit.TestKafka;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A page request the notifier cannot read goes to the dead-letter topic and is counted; the next page still goes out. */
class DeadLettersIntegrationTest extends NotifierIntegrationTestBase {

    @Autowired
    MeterRegistry meters;

    @Test
    void anUnreadablePageRequestIsDeadLetteredCountedAndTheNextPageIsSent() {
        NotificationRequested page = toUser(Channel.CONSOLE, "console", "After the poison");
        try (var deadLetters = TestKafka.record("error." + Topics.NOTIFICATIONS + ".notifier", Map.class)) {
            // same key as the page after it: one partition, poison first
            TestKafka.send(Topics.NOTIFICATIONS, page.incidentId().toString(), Map.of("id", "not-a-uuid", "channel", "CARRIER_PIGEON"));
            request(page);

            await().atMost(A_MOMENT).until(() -> !deadLetters.messages().isEmpty());
            assertThat(deadLetters.messages().getFirst()).containsEntry("channel", "CARRIER_PIGEON");
        }
        assertThat(reportOf(page).status()).isNotNull();
        assertThat(meters.get("tocsin.messages.dead.lettered").tag("topic", Topics.NOTIFICATIONS).counter().count())
                .isGreaterThanOrEqualTo(1);
    }
}
