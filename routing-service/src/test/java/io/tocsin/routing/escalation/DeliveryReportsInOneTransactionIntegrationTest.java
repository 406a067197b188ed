package io.tocsin.routing.escalation;

import static io.tocsin.routing.OnCall.level;
import static org.assertj.core.api.Assertions.assertThat;

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

    private static final Duration LEVEL_DELAY = Duration.ofMinutes(15);

    @Autowired
    OnCall onCall;
    @Autowired
    DeliveryReports reports;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;

    /** An incident that paged its first level's one user by SMS and by a call at once; its second level waits. */
    private record Paged(UUID incident, User first, User second, NotificationRequested sms,
            NotificationRequested call) {
    }

    private Paged paged(String dedupKey, String phone, String secondPhone) {
        User first = onCall.responder("First");
        onCall.pages(first, Channel.SMS, phone, Duration.ZERO);
        onCall.pages(first, Channel.VOICE, phone, Duration.ZERO);
        User second = onCall.responder("Second");
        onCall.pages(second, Channel.SMS, secondPhone, Duration.ZERO);
        Service service = onCall.service(onCall.policy(0, level(LEVEL_DELAY, first), level(LEVEL_DELAY, second)));
        onCall.trigger(service, dedupKey, "Checkout down");
        UUID incident = onCall.awaitIncident(service, dedupKey);
        return new Paged(incident, first, second, onCall.awaitPage(incident, first, Channel.SMS),
                onCall.awaitPage(incident, first, Channel.VOICE));
    }

    @Test
    void aPollInWhichEveryPageOfTheLevelFailsPagesTheNextLevelAtOnce() {
        Paged paged = paged("poll-failover", "+12015550192", "+12015550193");

        apply(List.of(
                onCall.reportOf(paged.sms(), DeliveryStatus.HELD, 1, null),
                onCall.reportOf(paged.call(), DeliveryStatus.RETRYING, 1, "Twilio HTTP 503"),
                onCall.reportOf(paged.sms(), DeliveryStatus.FAILED, 1, "Twilio HTTP 400: not a mobile number"),
                onCall.reportOf(paged.call(), DeliveryStatus.FAILED, 2, "Twilio HTTP 503"),
                // a late report of an earlier attempt changes nothing: the call stays failed
                onCall.reportOf(paged.call(), DeliveryStatus.RETRYING, 1, "Twilio HTTP 503")));

        onCall.awaitPage(paged.incident(), paged.second(), Channel.SMS);
        assertThat(onCall.timeline(paged.incident())).containsSubsequence("NOTIFICATION_FAILED",
                "NOTIFICATION_FAILED", "USER_UNREACHABLE", "LEVEL_UNREACHABLE", "ESCALATED");
        // both pages were asked for at the same instant: the message names them in either order
        assertThat(onCall.timelineMessages(paged.incident())).anyMatch(message -> message.startsWith(
                paged.first().name() + " could not be reached (") && message.contains("SMS failed")
                && message.contains("voice failed"));
        assertThat(status(paged.call())).isEqualTo("FAILED");
    }

    @Test
    void aPollInWhichOnlySomePagesFailLeavesTheLevelAsItIs() {
        Paged paged = paged("poll-half-failed", "+12015550194", "+12015550195");

        apply(List.of(
                onCall.reportOf(paged.sms(), DeliveryStatus.FAILED, 1, "opted out"),
                onCall.reportOf(paged.call(), DeliveryStatus.SENT, 1, null),
                onCall.reportOf(paged.call(), DeliveryStatus.RETRYING, 1, "busy"),
                onCall.reportOf(paged.call(), DeliveryStatus.DELIVERED, 2, null)));

        assertThat(onCall.timelineMessages(paged.incident()))
                .contains("Voice to " + paged.first().name() + ": attempt 2 delivered");
        assertThat(onCall.timeline(paged.incident())).doesNotContain("USER_UNREACHABLE", "LEVEL_UNREACHABLE");
        assertThat(onCall.pagesFor(paged.incident())).noneMatch(page -> paged.second().id().equals(page.userId()));
        assertThat(status(paged.call())).isEqualTo("DELIVERED");
    }

    /** Applies the reports as the batch consumer applies a poll: all in one transaction. */
    private void apply(List<DeliveryReported> poll) {
        transaction.executeWithoutResult(status -> {
            reports.prepare(poll);
            poll.forEach(reports::onDelivery);
        });
    }

    /** The latest routing recorded of the page. */
    private String status(NotificationRequested page) {
        return jdbc.sql("select status from notification where id = :id").param("id", page.id()).query(String.class)
                .single();
    }
}
