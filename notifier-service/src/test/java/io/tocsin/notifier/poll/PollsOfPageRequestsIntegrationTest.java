package io.tocsin.notifier.poll;

import static io.tocsin.notifier.TestPages.newPhoneNumber;
import static io.tocsin.notifier.TestPages.toContact;
import static io.tocsin.notifier.TestPages.toUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Topics;
import io.tocsin.notifier.NotifierIntegrationTestBase;
import io.tocsin.notifier.directory.Contact;
import io.tocsin.testkit.FakeTwilio.SentSms;
import io.tocsin.testkit.TestKafka;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.event.ConsumerPausedEvent;

/**
 * Page requests taken a poll at a time: a poll holding many requests, some of them twice, one the notifier cannot read
 * and one the database cannot store. Every good page goes out once, the two bad ones go to the dead-letter topic, and
 * nothing is lost.
 */
class PollsOfPageRequestsIntegrationTest extends NotifierIntegrationTestBase {

    private static final String BINDING = "notificationRequests-in-0";
    private static final int PARTITIONS = 6;

    @Autowired
    BindingsLifecycleController bindings;

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void aPollWithDuplicatesAndBadRecordsSendsEveryGoodPageOnceAndDeadLettersTheBadOnes() {
        UUID incident = UUID.randomUUID();
        List<NotificationRequested> pages = IntStream.range(0, 30)
                .mapToObj(i -> toUser(Channel.SMS, newPhoneNumber(), "Storm page " + i, incident))
                .toList();
        // PostgreSQL text cannot hold a NUL: read fine, refused when the poll is stored
        NotificationRequested unstorable = toUser(Channel.SMS, "+1201555\u0000", "Unstorable " + incident, incident);
        String unreadable = "Unreadable " + incident;

        try (var deadLetters = TestKafka.record("error." + Topics.NOTIFICATIONS + ".notifier", Map.class)) {
            // held back until all are published, so that they reach the notifier as one poll
            whilePaused(() -> {
                for (int i = 0; i < pages.size(); i++) {
                    request(pages.get(i));
                    if (i == 10) {
                        TestKafka.send(Topics.NOTIFICATIONS, incident.toString(),
                                Map.of("id", "not-a-uuid", "channel", "CARRIER_PIGEON", "summary", unreadable));
                    }
                    if (i == 20) {
                        request(unstorable);
                    }
                    if (i % 10 == 5) {
                        request(pages.get(i)); // redelivered right behind itself
                    }
                }
                request(pages.getFirst()); // and once more at the end of the poll
            });

            await().atMost(A_MOMENT).untilAsserted(() -> assertThat(deadLetters.received())
                    .extracting(letter -> letter.message().get("summary"))
                    .contains(unreadable, unstorable.summary()));
            assertThat(deadLetters.received()).filteredOn(letter -> unreadable.equals(letter.message().get("summary")))
                    .singleElement()
                    .satisfies(letter -> assertThat(letter.headers())
                            .containsEntry("x-original-topic", Topics.NOTIFICATIONS)
                            .containsKeys("x-original-partition", "x-original-offset", "x-exception-fqcn",
                                    "x-exception-message"));
        }

        await().atMost(A_MOMENT).untilAsserted(() -> assertThat(pages)
                .allSatisfy(page -> assertThat(reportsOf(page)).extracting(DeliveryReported::status)
                        .contains(DeliveryStatus.SENT)));
        assertThat(pages).allSatisfy(page -> {
            assertThat(twilio.messages()).filteredOn(sms -> sms.to().equals(page.address()))
                    .extracting(SentSms::body).singleElement().asString().contains(page.summary());
            assertThat(reportsOf(page)).extracting(DeliveryReported::id).as("a repeated report is the same report")
                    .containsOnly(reportsOf(page).getFirst().id());
            assertThat(stored(page).status()).isEqualTo("SENT");
        });
        assertThat(stored(unstorable)).isNull();
    }

    @Test
    void aPollOfPagesToOneNumberSendsWhatItsThrottleWindowAllowsInTheirOrderAndHoldsTheRest() {
        UUID incident = UUID.randomUUID();
        Contact grace = new Contact(UUID.randomUUID(), UUID.randomUUID(), "Grace", Channel.SMS, newPhoneNumber());
        List<NotificationRequested> pages = IntStream.range(0, 8)
                .mapToObj(i -> toContact(grace, "Escalating page " + i + " of " + incident, incident))
                .toList();

        // one incident, one partition: the eight reach the notifier together and are decided in their order
        whilePaused(() -> pages.forEach(NotifierIntegrationTestBase::request));

        await().atMost(A_MOMENT).untilAsserted(() -> assertThat(pages)
                .allSatisfy(page -> assertThat(reportsOf(page)).isNotEmpty()));
        // the SMS limit is 5 per window
        assertThat(pages).extracting(page -> reportsOf(page).getFirst().status()).containsExactly(
                DeliveryStatus.SENT, DeliveryStatus.SENT, DeliveryStatus.SENT, DeliveryStatus.SENT, DeliveryStatus.SENT,
                DeliveryStatus.HELD, DeliveryStatus.HELD, DeliveryStatus.HELD);
        assertThat(twilio.messages()).filteredOn(sms -> sms.to().equals(grace.address())).extracting(SentSms::body)
                .hasSize(5).allSatisfy(body -> assertThat(body).doesNotContain("page 5", "page 6", "page 7"));
    }

    /** Runs {@code publish} while the page requests' consumers are paused, then lets them take what it published. */
    private void whilePaused(Runnable publish) {
        Set<TopicPartition> paused = ConcurrentHashMap.newKeySet();
        ApplicationListener<ConsumerPausedEvent> listener = event -> paused.addAll(event.getPartitions());
        context.addApplicationListener(listener);
        try {
            bindings.pause(BINDING);
            // the consumers pause between two polls: once all have, nothing published now is taken before resuming
            await().atMost(A_MOMENT).until(() -> paused.stream()
                    .filter(partition -> partition.topic().equals(Topics.NOTIFICATIONS)).count() == PARTITIONS);
            publish.run();
        } finally {
            bindings.resume(BINDING);
            context.removeApplicationListener(listener);
        }
    }
}
