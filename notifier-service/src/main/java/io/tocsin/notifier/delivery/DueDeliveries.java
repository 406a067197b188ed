package io.tocsin.notifier.delivery;

import io.tocsin.notifier.delivery.Notifications.Attempt;
import io.tocsin.notifier.delivery.Notifications.HeldKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what is due, every {@code tocsin.notifier.retry.poll-interval}, on any number of notifier instances: pages
 * whose retry time has come, pages whose send lease ran out (the instance sending them died before storing the
 * outcome: sent again, once), and held pages whose contact method's throttle window has room again, as one bundle.
 * Each row is claimed with FOR UPDATE SKIP LOCKED and leased before the provider is called.
 */
@Component
class DueDeliveries {

    private static final Logger log = LoggerFactory.getLogger(DueDeliveries.class);

    private final Notifications notifications;
    private final Throttle throttle;
    private final RetryProperties retry;
    private final Dispatcher dispatcher;
    private final TransactionTemplate tx;
    private final Clock clock;

    DueDeliveries(Notifications notifications, Throttle throttle, RetryProperties retry, Dispatcher dispatcher,
            TransactionTemplate tx, Clock clock) {
        this.notifications = notifications;
        this.throttle = throttle;
        this.retry = retry;
        this.dispatcher = dispatcher;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${tocsin.notifier.retry.poll-interval:PT1S}")
    void sendDue() {
        // one at a time: a lease only has to outlast one provider call
        for (Optional<Attempt> due = claimDue(); due.isPresent(); due = claimDue()) {
            Attempt attempt = due.get();
            log.info("notification={} incident={} channel={} attempt={} due again", attempt.request().id(),
                    attempt.request().incidentId(), attempt.request().channel(), attempt.attempt());
            dispatcher.attempt(attempt);
        }
        for (HeldKey held : notifications.heldKeys()) {
            Instant now = clock.instant();
            Optional<Attempt> released = tx.execute(status -> throttle.allows(held.throttleKey(), held.channel(), now)
                    ? notifications.release(held.throttleKey(), now, now.plus(retry.sendingLease()),
                            now.plus(retry.deadline()))
                    : Optional.<Attempt>empty());
            released.ifPresent(attempt -> {
                log.info("notification={} incident={} channel={} released from the throttle with {} other held pages",
                        attempt.request().id(), attempt.request().incidentId(), attempt.request().channel(),
                        attempt.bundled().size());
                dispatcher.attempt(attempt);
            });
        }
    }

    private Optional<Attempt> claimDue() {
        Instant now = clock.instant();
        return notifications.claimDue(now, now.plus(retry.sendingLease()));
    }
}
