package io.tocsin.routing.escalation;

import static io.tocsin.routing.OnCall.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A poll of delivery reports applied in one transaction, as the batch consumer applies it ({@code prepare}, then each
 * report): failover decides as it does for reports applied one by one ({@link FailoverIntegrationTest}), though the
 * pages' reports are written behind and their pages read once for the poll.
 */
@RoutingIntegrationTest
class DeliveryReportsInOneTransactionIntegrationTest {

    private static final Duration A_MOMENT = Duration.ofSeconds(30);
    private static final Duration LEVEL_DELAY = Duration.ofMinutes(15);

    @Autowired
    OnCall onCall;
    @Autowired
    DeliveryReports reports;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aPollInWhichEveryPageOfTheLevelFailsPagesTheNextLevelAtOnce() {
        User hal = onCall.responder("Hal");
        onCall.pages(hal, Channel.SMS, "+12015550192", Duration.ZERO);
        onCall.pages(hal, Channel.VOICE, "+12015550192", Duration.ZERO);
        User ivy = onCall.responder("Ivy");
        onCall.pages(ivy, Channel.SMS, "+12015550193", Duration.ZERO);
        Service service = onCall.service(onCall.policy(0, level(LEVEL_DELAY, hal), level(LEVEL_DELAY, ivy)));
        onCall.trigger(service, "poll-failover", "Checkout down");
        UUID incident = onCall.awaitIncident(service, "poll-failover");
        NotificationRequested sms = awaitPage(incident, hal, Channel.SMS);
        NotificationRequested call = awaitPage(incident, hal, Channel.VOICE);

        apply(List.of(
                onCall.reportOf(sms, DeliveryStatus.HELD, 1, null),
                onCall.reportOf(call, DeliveryStatus.RETRYING, 1, "Twilio HTTP 503"),
                onCall.reportOf(sms, DeliveryStatus.FAILED, 1, "Twilio HTTP 400: not a mobile number"),
                onCall.reportOf(call, DeliveryStatus.FAILED, 2, "Twilio HTTP 503"),
                // a late report of an earlier attempt changes nothing: the call stays failed
                onCall.reportOf(call, DeliveryStatus.RETRYING, 1, "Twilio HTTP 503")));

        awaitPage(incident, ivy, Channel.SMS);
        assertThat(onCall.timeline(incident)).containsSubsequence("NOTIFICATION_FAILED", "NOTIFICATION_FAILED",
                "USER_UNREACHABLE", "LEVEL_UNREACHABLE", "ESCALATED");
        assertThat(onCall.timelineMessages(incident)).contains(hal.name() + " could not be reached (SMS failed, voice failed)");
        assertThat(status(call)).isEqualTo("FAILED");
    }

    @Test
    void aPollInWhichOnlySomePagesFailLeavesTheLevelAsItIs() {
        User jo = onCall.responder("Jo");
        onCall.pages(jo, Channel.SMS, "+12015550194", Duration.ZERO);
        onCall.pages(jo, Channel.VOICE, "+12015550194", Duration.ZERO);
        User kim = onCall.responder("Kim");
        onCall.pages(kim, Channel.SMS, "+12015550195", Duration.ZERO);
        Service service = onCall.service(onCall.policy(0, level(LEVEL_DELAY, jo), level(LEVEL_DELAY, kim)));
        onCall.trigger(service, "poll-half-failed", "Half of it failed");
        UUID incident = onCall.awaitIncident(service, "poll-half-failed");
        NotificationRequested sms = awaitPage(incident, jo, Channel.SMS);
        NotificationRequested call = awaitPage(incident, jo, Channel.VOICE);

        apply(List.of(
                onCall.reportOf(sms, DeliveryStatus.FAILED, 1, "opted out"),
                onCall.reportOf(call, DeliveryStatus.SENT, 1, null),
                onCall.reportOf(call, DeliveryStatus.RETRYING, 1, "busy"),
                onCall.reportOf(call, DeliveryStatus.DELIVERED, 2, null)));

        assertThat(onCall.timelineMessages(incident)).contains("Voice to " + jo.name() + ": attempt 2 delivered");
        assertThat(onCall.timeline(incident)).doesNotContain("USER_UNREACHABLE", "LEVEL_UNREACHABLE");
        assertThat(onCall.pagesFor(incident)).noneMatch(page -> kim.id().equals(page.userId()));
        assertThat(status(call)).isEqualTo("DELIVERED");
    }

    /** The latest routing recorded of the page. */
    private String status(NotificationRequested page) {
        return jdbc.sql("select status from notification where id = :id").param("id", page.id()).query(String.class)
                .single();
    }

    /** Applies the reports as the batch consumer applies a poll: all in one transaction. */
    private void apply(List<DeliveryReported> poll) {
        transaction.executeWithoutResult(status -> {
            reports.prepare(poll);
            poll.forEach(reports::onDelivery);
        });
    }

    private NotificationRequested awaitPage(UUID incident, User user, Channel channel) {
        return await().atMost(A_MOMENT).until(() -> onCall.pagesFor(incident).stream()
                .filter(page -> user.id().equals(page.userId()) && page.channel() == channel).findFirst(),
                Optional::isPresent).orElseThrow();
    }
}
