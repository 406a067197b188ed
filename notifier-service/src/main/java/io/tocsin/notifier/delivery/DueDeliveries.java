package io.tocsin.notifier.delivery;

import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.notifier.delivery.Notifications.Attempt;
import io.tocsin.notifier.delivery.Notifications.Cancelled;
import io.tocsin.notifier.delivery.Notifications.HeldKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what is due, every {@code tocsin.notifier.retry.poll-interval}, on any number of notifier instances: pages
 * whose retry time has come, pages whose send lease ran out (the instance sending them died before storing the
 * outcome: sent again, once), SMS whose delivery receipt is overdue and calls with no status yet (through their
 * next provider), and held pages whose contact method's throttle window has room again, as one bundle.
 * A page whose incident was acknowledged or resolved while it waited is cancelled instead.
 * Each row is claimed with FOR UPDATE SKIP LOCKED and leased before the provider is called.
 */
@Component
class DueDeliveries {

    private static final Logger log = LoggerFactory.getLogger(DueDeliveries.class);

    private final Notifications notifications;
    private final Throttle throttle;
    private final RetryProperties retry;
    private final Dispatcher dispatcher;
    private final DeliveryReports reports;
    private final TransactionTemplate tx;
    private final Clock clock;

    DueDeliveries(Notifications notifications, Throttle throttle, RetryProperties retry, Dispatcher dispatcher,
            DeliveryReports reports, TransactionTemplate tx, Clock clock) {
        this.notifications = notifications;
        this.throttle = throttle;
        this.retry = retry;
        this.dispatcher = dispatcher;
        this.reports = reports;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${tocsin.notifier.retry.poll-interval:PT1S}")
    void sendDue() {
        // an SMS whose delivery receipt is overdue, or a call with no status yet, is due again through its next provider
        reports.failOverOverdue();
        // each claimed page is started before the next is claimed: a lease only has to outlast the wait for a
        // provider call slot and the call
        for (Optional<Attempt> due = claimDue(); due.isPresent(); due = claimDue()) {
            Attempt attempt = due.get();
            log.info("notification={} incident={} channel={} attempt={} due again", attempt.request().id(),
                    attempt.request().incidentId(), attempt.request().channel(), attempt.attempt());
            dispatcher.start(attempt);
        }
        for (HeldKey held : notifications.heldKeys()) {
            cancelUnneeded();
            Instant now = clock.instant();
            Optional<Attempt> released = tx.execute(status -> throttle.allows(held.throttleKey(), held.channel(), now)
                    ? notifications.release(held.throttleKey(), now, now.plus(retry.sendingLease()),
                            now.plus(retry.deadline()))
                    : Optional.<Attempt>empty());
            released.ifPresent(attempt -> {
                log.info("notification={} incident={} channel={} released from the throttle with {}",
                        attempt.request().id(), attempt.request().incidentId(), attempt.request().channel(),
                        Words.count(attempt.bundled().size(), "other held page", "other held pages"));
                dispatcher.start(attempt);
            });
        }
    }

    /**
     * Just before each send, so that an answer that came while a page waited (minutes in the throttle, seconds for a
     * retry) stops it: what the incident's changes on tocsin.incidents.v1 left in the database decides, after a
     * restart too.
     */
    private void cancelUnneeded() {
        List<Cancelled> cancelled = tx.execute(status -> notifications.cancelUnneeded(clock.instant()));
        for (Cancelled page : cancelled) {
            log.info("notification={} incident={} channel={} cancelled: {}", page.id(), page.incidentId(),
                    page.channel(), page.detail());
        }
        reports.report(cancelled.stream().map(page -> reports.of(page.id(), page.incidentId(), page.channel(),
                DeliveryStatus.CANCELLED, page.detail(), page.attempt())).toList());
    }

    private Optional<Attempt> claimDue() {
        cancelUnneeded();
        Instant now = clock.instant();
        return notifications.claimDue(now, now.plus(retry.sendingLease()));
    }
}
