package io.tocsin.notifier.delivery;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.delivery.DeliveryReports.Report;
import io.tocsin.notifier.delivery.Notifications.Attempt;
import io.tocsin.notifier.delivery.Notifications.Finish;
import io.tocsin.notifier.delivery.Notifications.NewPage;
import io.tocsin.notifier.delivery.Notifications.Notification;
import io.tocsin.notifier.delivery.Notifications.Status;
import io.tocsin.notifier.poll.Polls;
import io.tocsin.notifier.poll.Polls.Read;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes notification requests a poll at a time ({@link Polls}) and delivers each through its channel: the poll's
 * notifications are stored as SENDING (or HELD, when a contact method's throttle window is full) in one transaction on
 * the consumer's thread, in the order of their partition, so throttle and bundle decisions follow the requests' order;
 * the provider is then called on a {@link ProviderCalls} thread, whose outcome is stored ({@link Outcomes}, together
 * with those of calls ending at the same time), and routing is told either way. A temporary failure is stored for a
 * later attempt ({@link DueDeliveries} makes it). A channel without credentials falls back to the console, which
 * prints what would have been sent.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RetryProperties.class, ThrottleProperties.class, ProviderCallProperties.class})
class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Notifications notifications;
    private final Throttle throttle;
    private final RetryProperties retry;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final ConsoleSender console;
    private final ProviderCalls calls;
    private final Outcomes outcomes;
    private final DeliveryReports reports;
    private final Polls polls;
    private final JsonMapper json;
    private final Clock clock;

    Dispatcher(Notifications notifications, Throttle throttle, RetryProperties retry, List<ChannelSender> senders,
            ConsoleSender console, ProviderCalls calls, Outcomes outcomes, DeliveryReports reports, Polls polls,
            JsonMapper json, Clock clock) {
        this.notifications = notifications;
        this.throttle = throttle;
        this.retry = retry;
        senders.stream().filter(ChannelSender::configured).forEach(sender -> this.senders.put(sender.channel(), sender));
        this.console = console;
        this.calls = calls;
        this.outcomes = outcomes;
        this.reports = reports;
        this.polls = polls;
        this.json = json;
        this.clock = clock;
    }

    @Bean
    Consumer<Message<List<byte[]>>> notificationRequests() {
        return polls.consumer("notificationRequests", "notifier", new Polls.Poll<NotificationRequested, List<Taken>>() {

            @Override
            public NotificationRequested read(byte[] bytes) {
                NotificationRequested request = json.readValue(bytes, NotificationRequested.class);
                if (request.id() == null || request.incidentId() == null && request.isPage()
                        || request.channel() == null || request.address() == null) {
                    throw new IllegalArgumentException("a page request without its id, incident, channel or address");
                }
                return request;
            }

            @Override
            public List<Taken> store(List<Read<NotificationRequested>> requests) {
                return Dispatcher.this.store(requests);
            }

            @Override
            public void stored(List<Taken> taken) {
                Dispatcher.this.stored(taken);
            }
        });
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

    /** What storing a page request decided, to act on once committed. */
    sealed interface Taken {
        Read<NotificationRequested> request();
    }

    /** Stored as being sent, leased until {@code leaseUntil}: its first attempt is to be made. */
    record Start(Read<NotificationRequested> request, Attempt attempt, Instant leaseUntil) implements Taken {
    }

    /** Stored as held by its contact method's throttle. */
    record Held(Read<NotificationRequested> request) implements Taken {
    }

    /** A redelivered request: its stored state stands, only a report may not have reached routing. */
    record Again(Read<NotificationRequested> request, Notification stored) implements Taken {
    }

    /**
     * Stores a poll's page requests in its transaction, in their partition's order, so throttle and bundle decisions
     * follow it: what each page teaches about its incident and contact, and the page itself, as SENDING or HELD. Two
     * statements whatever the number of pages: the throttle's locks, then everything else
     * ({@link Notifications#begin}); a third only when some were stored before (redelivered), to say where they stand.
     */
    List<Taken> store(List<Read<NotificationRequested>> requests) {
        Instant now = clock.instant();
        Instant deadline = now.plus(retry.deadline());
        Instant leaseUntil = now.plus(retry.sendingLease());
        // a message about a person's own setup teaches nothing of incidents or of who answers from an address (it may
        // go to one not verified yet), and is neither throttled nor bundled with pages
        List<NewPage> news = requests.stream().map(Read::value).map(request -> {
            String key = request.isPage() ? throttle.key(request) : null;
            return new NewPage(request, key, key == null ? null : throttle.limit(request.channel()).getAsInt());
        }).toList();
        throttle.lock(news.stream().map(NewPage::throttleKey).toList());
        Map<UUID, Status> begun = new HashMap<>(notifications.begin(news, now, leaseUntil, deadline,
                throttle.since(now)));
        List<UUID> before = requests.stream().map(read -> read.value().id()).filter(id -> !begun.containsKey(id))
                .distinct().toList();
        Map<UUID, Notification> known = before.isEmpty() ? Map.of() : notifications.find(before);
        List<Taken> taken = new ArrayList<>(requests.size());
        for (Read<NotificationRequested> read : requests) {
            UUID id = read.value().id();
            Status status = begun.remove(id);
            if (status != null) {
                // once, though a poll may hold a request twice
                taken.add(status == Status.HELD ? new Held(read) : new Start(read, new Attempt(read.value(), 1,
                        deadline, List.of(), null), leaseUntil));
            } else if (known.containsKey(id)) {
                taken.add(new Again(read, known.get(id)));
            }
        }
        return taken;
    }

    /** Once a poll's pages are committed: each first attempt started, in order, then the reports sent together. */
    void stored(List<Taken> taken) {
        List<Report> toReport = new ArrayList<>();
        for (Taken page : taken) {
            polls.inTrace(page.request(), () -> {
                NotificationRequested request = page.request().value();
                switch (page) {
                    case Start start -> startWithinLease(start);
                    case Held held -> {
                        String detail = "held: " + throttle.describe(request.channel())
                                + " reached for this contact method; goes out bundled with any other held pages when"
                                + " the window allows";
                        log.info("notification={} incident={} channel={} to={} {}", request.id(), request.incidentId(),
                                request.channel(), Redact.address(request.address()), detail);
                        toReport.add(reports.of(request.id(), request.incidentId(), request.channel(),
                                DeliveryStatus.HELD, detail, 1));
                    }
                    case Again again -> reportAgain(request, again.stored()).ifPresent(toReport::add);
                }
            });
        }
        reports.report(toReport);
    }

    /**
     * Starts a poll's first attempt, unless its wait for a provider call slot took half its lease: a poll's pages are
     * all leased when stored and wait in one queue, which a page stored alone did not. Such a page is left as stored,
     * for {@link DueDeliveries} to send once its lease has run out: a call of this instance is then never still under
     * way when another instance takes the page over, and it goes out once.
     */
    private void startWithinLease(Start start) {
        Instant latest = start.leaseUntil().minus(retry.sendingLease().dividedBy(2));
        NotificationRequested request = start.attempt().request();
        calls.start(request, () -> {
            if (clock.instant().isAfter(latest)) {
                log.warn("notification={} incident={} channel={} waited past half its sending lease for a provider"
                        + " call; sent when the lease runs out", request.id(), request.incidentId(), request.channel());
                return;
            }
            attempt(start.attempt());
        });
    }

    /** Starts an attempt whose page is stored as being sent, leased; returns once a provider call slot took it. */
    void start(Attempt attempt) {
        calls.start(attempt.request(), () -> attempt(attempt));
    }

    /**
     * Makes one attempt and logs, stores and reports its outcome: sent, to be retried, or failed for good. Logged
     * first: the line says what the provider answered, and comes before routing hears of it.
     */
    private void attempt(Attempt attempt) {
        NotificationRequested page = attempt.page();
        ChannelSender sender = senders.get(page.channel());
        SendOutcome outcome = sender == null ? printedInstead(page)
                : attempt.avoid() == null ? sender.send(page) : sender.resend(page, attempt.avoid());
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
                SendOutcome.Carried carried = sent.carried();
                log.info("notification={} incident={} channel={} to={} attempt={} sent provider_id={}{}{}", request.id(),
                        request.incidentId(), request.channel(), to, attempt.attempt(), sent.providerId(),
                        carried == null ? "" : " provider=" + carried.provider()
                                + (carried.failedOver() == null ? "" : " after " + carried.failedOver()),
                        detail == null ? "" : " (" + detail + ")");
                outcomes.store(new Finish(request.id(), attempt.attempt(), Status.SENT, sent.providerId(), detail, null,
                        carried, now), reports(attempt, DeliveryStatus.SENT, detail, carried));
            }
            case SendOutcome.Failed failed -> {
                Duration wait = failed.retryAfter() != null
                        ? failed.retryAfter()
                        : retry.backoff(attempt.attempt(), ThreadLocalRandom.current().nextDouble());
                Instant next = now.plus(wait);
                String kind = failed.temporary() ? "temporary" : "permanent";
                if (failed.temporary() && !next.isAfter(attempt.deadline())) {
                    log.warn("notification={} incident={} channel={} to={} attempt={} failed ({}): {}; next attempt at {}",
                            request.id(), request.incidentId(), request.channel(), to, attempt.attempt(), kind,
                            failed.reason(), next);
                    // routing's timeline names the attempt itself: "attempt 1 failed (<detail>), retrying"
                    outcomes.store(new Finish(request.id(), attempt.attempt(), Status.RETRYING, null, failed.reason(),
                            next, null, now), reports(attempt, DeliveryStatus.RETRYING,
                                    failed.reason() + "; next attempt in " + Words.duration(wait), null));
                } else {
                    String reason = failed.temporary()
                            ? failed.reason() + "; gave up: the retry deadline of " + Words.duration(retry.deadline())
                                    + " has passed"
                            : failed.reason();
                    log.warn("notification={} incident={} channel={} to={} attempt={} failed ({}): {}", request.id(),
                            request.incidentId(), request.channel(), to, attempt.attempt(), kind, reason);
                    outcomes.store(new Finish(request.id(), attempt.attempt(), Status.FAILED, null, reason, null, null,
                            now), reports(attempt, DeliveryStatus.FAILED, reason, null));
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

    /** The attempt's outcome, for its page and every page bundled into it; {@code carried}: by which provider. */
    private List<Report> reports(Attempt attempt, DeliveryStatus status, String detail, SendOutcome.Carried carried) {
        List<Report> all = new ArrayList<>(attempt.bundled().size() + 1);
        String provider = carried == null ? null : carried.label();
        String failedOver = carried == null ? null : carried.failedOver();
        all.add(reports.of(attempt.request().id(), attempt.request().incidentId(), attempt.request().channel(), status,
                detail, attempt.attempt(), provider, failedOver));
        for (NotificationRequested bundled : attempt.bundled()) {
            all.add(reports.of(bundled.id(), bundled.incidentId(), bundled.channel(), status, detail,
                    attempt.attempt(), provider, failedOver));
        }
        return all;
    }

    /** The stored state again (same report id as the first time); nothing while a send is under way. */
    private Optional<Report> reportAgain(NotificationRequested request, Notification stored) {
        DeliveryStatus status = switch (stored.status()) {
            case SENDING -> null;
            case RETRYING -> DeliveryStatus.RETRYING;
            case HELD -> DeliveryStatus.HELD;
            case SENT, DELIVERED -> DeliveryStatus.SENT;
            case FAILED -> DeliveryStatus.FAILED;
            case CANCELLED -> DeliveryStatus.CANCELLED;
        };
        return Optional.ofNullable(status).map(known -> reports.of(request.id(), request.incidentId(),
                request.channel(), known, stored.detail(), Math.max(1, stored.attempts())));
    }
}
