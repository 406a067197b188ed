package io.tocsin.notifier.delivery;

import static io.tocsin.notifier.TestPages.toSlackChannel;
import static io.tocsin.notifier.TestPages.toUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierIntegrationTestBase;
import io.tocsin.notifier.delivery.Notifications.NewPage;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Temporary failures retried in business time, from the database: the clock moves, nobody sleeps. */
class RetriesIntegrationTest extends NotifierIntegrationTestBase {

    @Autowired
    Notifications notifications;

    @Autowired
    RetryProperties retry;

    @AfterEach
    void noFailureLeftForTheNextTest() {
        slack.reset();
    }

    @Test
    void aTemporaryFailureIsRetriedWithBackoffUntilSentAndEveryAttemptIsReported() {
        NotificationRequested page = toSlackChannel("C0OPS00002", "Flapping " + UUID.randomUUID());
        slack.failNext(2, 500, "internal_error");

        request(page);

        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 1);
        assertThat(stored(page).status()).isEqualTo("RETRYING");
        // the first wait is 15 s give or take the jitter of 20 %
        clock.advance(Duration.ofSeconds(20));
        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 2);
        clock.advance(Duration.ofSeconds(40));
        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 3);

        assertThat(reportsOf(page)).extracting(DeliveryReported::status, DeliveryReported::attempt).containsExactly(
                tuple(DeliveryStatus.RETRYING, 1),
                tuple(DeliveryStatus.RETRYING, 2),
                tuple(DeliveryStatus.SENT, 3));
        assertThat(reportsOf(page).getFirst().detail()).contains("Slack is having trouble (HTTP 500 internal_error)")
                .doesNotContain("attempt 1").containsPattern("; next attempt in 1\\d s$");
        assertThat(stored(page).status()).isEqualTo("SENT");
        assertThat(slack.posts()).filteredOn(post -> post.text().contains(page.summary())).hasSize(1);
    }

    @Test
    void aRetryWhoseIncidentWasAcknowledgedMeanwhileIsCancelledNotSent() {
        NotificationRequested page = toSlackChannel("C0OPS00004", "Acknowledged between attempts " + UUID.randomUUID());
        slack.failNext(1, 500, "internal_error");
        request(page);
        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 1);

        incidentChanged(page, IncidentStatus.ACKNOWLEDGED, "Grace", "SLACK");
        clock.advance(Duration.ofSeconds(20));

        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 2);
        assertThat(reportsOf(page).getLast()).extracting(DeliveryReported::status, DeliveryReported::attempt,
                DeliveryReported::detail).containsExactly(DeliveryStatus.CANCELLED, 1,
                "the incident was acknowledged by Grace via Slack before it went out");
        assertThat(stored(page).status()).isEqualTo("CANCELLED");
        assertThat(slack.posts()).filteredOn(post -> post.text().contains(page.summary())).isEmpty();
    }

    @Test
    void aPageStillFailingAtTheDeadlineFailsForGood() {
        NotificationRequested page = toSlackChannel("C0OPS00003", "Slack down for good " + UUID.randomUUID());
        slack.failNext(100, 503, "service_unavailable");

        request(page);

        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 1);
        await().atMost(A_MOMENT).until(() -> {
            clock.advance(Duration.ofSeconds(30));
            return "FAILED".equals(stored(page).status());
        });

        await().atMost(A_MOMENT).until(() -> reportsOf(page).getLast().status() == DeliveryStatus.FAILED);
        DeliveryReported last = reportsOf(page).getLast();
        assertThat(last.detail()).startsWith("Slack is having trouble")
                .endsWith("; gave up: the retry deadline of 10 min has passed");
        // every attempt is on the timeline, in order, the last one final
        assertThat(reportsOf(page)).extracting(DeliveryReported::attempt)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, last.attempt()).boxed().toList());
        assertThat(reportsOf(page).subList(0, last.attempt() - 1)).extracting(DeliveryReported::status)
                .containsOnly(DeliveryStatus.RETRYING);
        assertThat(last.attempt()).isGreaterThan(2);
        assertThat(slack.posts()).filteredOn(post -> post.text().contains(page.summary())).isEmpty();
    }

    @Test
    void aSendLostWithItsInstanceIsMadeAgainOnceWhenItsLeaseRunsOut() {
        NotificationRequested page = toUser(Channel.SMS, "+15550400011", "Lost mid-send " + UUID.randomUUID());
        Instant now = clock.instant();
        // as if a notifier stored the page as SENDING and died before Twilio answered
        notifications.begin(List.of(new NewPage(page, null, null)), now, now.plus(retry.sendingLease()),
                now.plus(retry.deadline()), OffsetDateTime.ofInstant(now, ZoneOffset.UTC));

        clock.advance(retry.sendingLease().plusSeconds(1));

        DeliveryReported report = reportOf(page);
        assertThat(report.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(report.attempt()).isEqualTo(2);
        // a redelivered request changes nothing, and nothing is due any more: it was sent once
        request(page);
        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 2);
        assertThat(reportsOf(page)).extracting(DeliveryReported::id).containsOnly(report.id());
        assertThat(twilio.messages()).filteredOn(sms -> sms.body().contains(page.summary())).hasSize(1);
        assertThat(jdbc.sql("select next_attempt_at is null from notification where id = :id").param("id", page.id())
                .query(Boolean.class).single()).isTrue();
    }
}
