package io.tocsin.notifier.delivery;

import static io.tocsin.notifier.TestPages.toSlackChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierIntegrationTestBase;
import io.tocsin.notifier.delivery.Notifications.Finish;
import io.tocsin.notifier.delivery.Notifications.NewPage;
import io.tocsin.notifier.delivery.Notifications.Status;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Outcomes of provider calls ending together are stored as a group; one that cannot be stored takes no other with it.
 */
class OutcomesIntegrationTest extends NotifierIntegrationTestBase {

    @Autowired
    Notifications notifications;

    @Autowired
    Outcomes outcomes;

    @Autowired
    DeliveryReports deliveryReports;

    @Autowired
    RetryProperties retry;

    @Autowired
    DataSource dataSource;

    @Test
    void anOutcomeThatCannotBeStoredTakesNoOtherOfItsGroupWithIt() throws Exception {
        List<NotificationRequested> pages = IntStream.range(0, 6)
                .mapToObj(i -> toSlackChannel("C0GROUP00" + i, "Ended together " + i + " " + UUID.randomUUID()))
                .toList();
        Instant now = clock.instant();
        // stored as being sent, as the dispatcher stores pages before calling their provider
        notifications.begin(pages.stream().map(page -> new NewPage(page, null, null)).toList(), now,
                now.plus(retry.sendingLease()), now.plus(retry.deadline()),
                OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        // PostgreSQL text cannot hold a NUL
        NotificationRequested unstorable = pages.get(3);
        Map<UUID, RuntimeException> failures = new ConcurrentHashMap<>();
        List<Thread> later = new ArrayList<>();

        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            // the first call's outcome waits for this row while the others end: they are stored as the next group
            try (PreparedStatement lock = holder.prepareStatement(
                    "select 1 from notification where id = ? for update")) {
                lock.setObject(1, pages.getFirst().id());
                lock.execute();
            }
            ended(pages.getFirst(), "sent first", failures);
            await().atMost(A_MOMENT).until(() -> jdbc.sql("""
                    select count(*) from pg_stat_activity
                    where wait_event_type = 'Lock' and query like 'update notification%'
                    """).query(Long.class).single() == 1);
            for (NotificationRequested page : pages.subList(1, pages.size())) {
                later.add(ended(page, page == unstorable ? "garbled \u0000 answer" : "sent with the others",
                        failures));
            }
            await().atMost(A_MOMENT)
                    .until(() -> later.stream().allMatch(call -> call.getState() == Thread.State.WAITING));
            holder.rollback();
        }

        await().atMost(A_MOMENT).until(() -> pages.stream().filter(page -> page != unstorable)
                .allMatch(page -> reportsOf(page).size() == 1));
        assertThat(pages).filteredOn(page -> page != unstorable).allSatisfy(page -> {
            assertThat(stored(page).status()).isEqualTo("SENT");
            assertThat(reportsOf(page)).extracting(DeliveryReported::status).containsExactly(DeliveryStatus.SENT);
        });
        await().atMost(A_MOMENT).until(() -> failures.containsKey(unstorable.id()));
        assertThat(failures).containsOnlyKeys(unstorable.id());
        // left as being sent, leased: sent again once its lease runs out
        assertThat(stored(unstorable).status()).isEqualTo("SENDING");
        assertThat(reportsOf(unstorable)).isEmpty();
    }

    /** A provider call for the page ending now with {@code detail}, its outcome stored on a thread of its own. */
    private Thread ended(NotificationRequested page, String detail, Map<UUID, RuntimeException> failures) {
        return Thread.ofVirtual().start(() -> {
            try {
                outcomes.store(new Finish(page.id(), 1, Status.SENT, "P" + page.id(), detail, null, null,
                        clock.instant()), List.of(deliveryReports.of(page.id(), page.incidentId(), page.channel(),
                                DeliveryStatus.SENT, detail, 1)));
            } catch (RuntimeException e) {
                failures.put(page.id(), e);
            }
        });
    }
}
