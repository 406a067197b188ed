package io.tocsin.notifier.delivery;

import static io.tocsin.messaging.UntilStored.untilStored;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.delivery.Notifications.Attempt;
import io.tocsin.notifier.delivery.Notifications.Notification;
import io.tocsin.notifier.directory.Contacts;
import io.tocsin.notifier.incident.KnownIncidents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes notification requests and delivers each through its channel: the notification is stored as SENDING (or
 * HELD, when its contact method's throttle window is full) on the consumer's thread, in the order of its partition, so
 * throttle and bundle decisions follow the requests' order; the provider is then called on a {@link ProviderCalls}
 * thread, which stores the outcome, and routing is told either way. A temporary failure is stored for a later attempt
 * ({@link DueDeliveries} makes it). A channel without credentials falls back to the console, which prints what would
 * have been sent.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RetryProperties.class, ThrottleProperties.class, ProviderCallProperties.class})
class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Notifications notifications;
    private final Throttle throttle;
    private final RetryProperties retry;
    private final KnownIncidents knownIncidents;
    private final Contacts contacts;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final ConsoleSender console;
    private final ProviderCalls calls;
    private final DeliveryReports reports;
    private final TransactionTemplate tx;
    private final Clock clock;

    Dispatcher(Notifications notifications, Throttle throttle, RetryProperties retry, KnownIncidents knownIncidents,
            Contacts contacts, List<ChannelSender> senders, ConsoleSender console, ProviderCalls calls,
            DeliveryReports reports, TransactionTemplate tx, Clock clock) {
        this.notifications = notifications;
        this.throttle = throttle;
        this.retry = retry;
        this.knownIncidents = knownIncidents;
        this.contacts = contacts;
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
        this.console = console;
        this.calls = calls;
        this.reports = reports;
        this.tx = tx;
        this.clock = clock;
    }

    @Bean
    Consumer<NotificationRequested> notificationRequests() {
        return untilStored(this::deliver);
    }

    @EventListener(ApplicationReadyEvent.class)
    void logChannels() {
        log.info(channelsLine(senders.keySet()));
    }

    /** "channels live: CONSOLE, SMS, SLACK; not configured (printed on the console): VOICE, EMAIL, WEBHOOK". */
    static String channelsLine(Set<Channel> live) {
        List<String> missing = Arrays.stream(Channel.values()).filter(channel -> !live.contains(channel))
                .map(Channel::name).toList();
        String line = "channels live: " + String.join(", ", Arrays.stream(Channel.values()).filter(live::contains)
                .map(Channel::name).toList());
        return missing.isEmpty() ? line : line + "; not configured (printed on the console): " + String.join(", ", missing);
    }

    void deliver(NotificationRequested request) {
        Instant now = clock.instant();
        String key = throttle.key(request);
        Instant deadline = now.plus(retry.deadline());
        // one commit for what the page teaches about its incident and contact and for the page itself
        Boolean held = tx.execute(status -> {
            knownIncidents.paged(request, now);
            contacts.paged(request);
            boolean hold = throttle.mustHold(key, request.channel(), now);
            return notifications.begin(request, hold, key, now, now.plus(retry.sendingLease()), deadline) ? hold : null;
        });
        if (held == null) {
            // a redelivered request: its stored state stands, only a report may not have reached routing
            notifications.find(request.id()).ifPresent(stored -> reportAgain(request, stored));
        } else if (held) {
            String detail = "held: " + throttle.describe(request.channel()) + " reached for this contact method;"
                    + " goes out bundled with any other held pages when the window allows";
            log.info("notification={} incident={} channel={} to={} {}", request.id(), request.incidentId(),
                    request.channel(), Redact.address(request.address()), detail);
            reports.report(request.id(), request.incidentId(), request.channel(), DeliveryStatus.HELD, detail, 1);
        } else {
            start(new Attempt(request, 1, deadline, List.of()));
        }
    }

    /** Starts an attempt whose page is stored as being sent, leased; returns once a provider call slot took it. */
    void start(Attempt attempt) {
        calls.start(attempt.request(), () -> attempt(attempt));
    }

    /** Makes one attempt and stores and reports its outcome: sent, to be retried, or failed for good. */
    private void attempt(Attempt attempt) {
        NotificationRequested page = attempt.page();
        SendOutcome outcome = senders.containsKey(page.channel())
                ? senders.get(page.channel()).send(page)
                : printedInstead(page);
        Instant now = clock.instant();
        NotificationRequested request = attempt.request();
        String to = Redact.address(request.address());
        switch (outcome) {
            case SendOutcome.Sent sent -> {
                String bundled = attempt.bundled().isEmpty() ? null
                        : "sent in one message with " + Words.count(attempt.bundled().size(), "other held page",
                                "other held pages");
                String detail = sent.detail() == null ? bundled
                        : bundled == null ? sent.detail() : sent.detail() + "; " + bundled;
                notifications.sent(request.id(), attempt.attempt(), sent.providerId(), detail, now);
                log.info("notification={} incident={} channel={} to={} attempt={} sent provider_id={}{}", request.id(),
                        request.incidentId(), request.channel(), to, attempt.attempt(), sent.providerId(),
                        detail == null ? "" : " (" + detail + ")");
                report(attempt, DeliveryStatus.SENT, detail);
            }
            case SendOutcome.Failed failed -> {
                Duration wait = failed.retryAfter() != null
                        ? failed.retryAfter()
                        : retry.backoff(attempt.attempt(), ThreadLocalRandom.current().nextDouble());
                Instant next = now.plus(wait);
                String kind = failed.temporary() ? "temporary" : "permanent";
                if (failed.temporary() && !next.isAfter(attempt.deadline())) {
                    notifications.retrying(request.id(), failed.reason(), next, now);
                    log.warn("notification={} incident={} channel={} to={} attempt={} failed ({}): {}; next attempt at {}",
                            request.id(), request.incidentId(), request.channel(), to, attempt.attempt(), kind,
                            failed.reason(), next);
                    // routing's timeline names the attempt itself: "attempt 1 failed (<detail>), retrying"
                    report(attempt, DeliveryStatus.RETRYING,
                            failed.reason() + "; next attempt in " + Words.duration(wait));
                } else {
                    String reason = failed.temporary()
                            ? failed.reason() + "; gave up: the retry deadline of " + Words.duration(retry.deadline())
                                    + " has passed"
                            : failed.reason();
                    notifications.failed(request.id(), attempt.attempt(), reason, now);
                    log.warn("notification={} incident={} channel={} to={} attempt={} failed ({}): {}", request.id(),
                            request.incidentId(), request.channel(), to, attempt.attempt(), kind, reason);
                    report(attempt, DeliveryStatus.FAILED, reason);
                }
            }
        }
    }

    /** Nobody was reached: the page is printed so it is not lost from sight, and reported as failed. */
    private SendOutcome printedInstead(NotificationRequested request) {
        console.send(request);
        return new SendOutcome.Failed(false, "not sent: the " + request.channel()
                + " channel is not configured here (printed on the console instead)");
    }

    /** The attempt's outcome, for its page and every page bundled into it. */
    private void report(Attempt attempt, DeliveryStatus status, String detail) {
        NotificationRequested request = attempt.request();
        reports.report(request.id(), request.incidentId(), request.channel(), status, detail, attempt.attempt());
        for (NotificationRequested bundled : attempt.bundled()) {
            reports.report(bundled.id(), bundled.incidentId(), bundled.channel(), status, detail, attempt.attempt());
        }
    }

    /** The stored state again (same report id as the first time); nothing while a send is under way. */
    private void reportAgain(NotificationRequested request, Notification stored) {
        DeliveryStatus status = switch (stored.status()) {
            case SENDING -> null;
            case RETRYING -> DeliveryStatus.RETRYING;
            case HELD -> DeliveryStatus.HELD;
            case SENT, DELIVERED -> DeliveryStatus.SENT;
            case FAILED -> DeliveryStatus.FAILED;
            case CANCELLED -> DeliveryStatus.CANCELLED;
        };
        if (status != null) {
            reports.report(request.id(), request.incidentId(), request.channel(), status, stored.detail(),
                    Math.max(1, stored.attempts()));
        }
    }
}
