package io.tocsin.notifier.delivery;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.console.ConsoleSender;
import io.tocsin.notifier.delivery.Notifications.Notification;
import io.tocsin.notifier.delivery.Notifications.Status;
import io.tocsin.notifier.incident.KnownIncidents;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Consumes notification requests and delivers each through its channel: the notification is stored
 * as SENDING before the provider is called, its outcome afterwards, and routing is told either way.
 * A channel without credentials falls back to the console, which prints what would have been sent.
 */
@Configuration(proxyBeanMethods = false)
class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Notifications notifications;
    private final KnownIncidents knownIncidents;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final ConsoleSender console;
    private final DeliveryReports reports;
    private final Clock clock;

    Dispatcher(Notifications notifications, KnownIncidents knownIncidents, List<ChannelSender> senders, ConsoleSender console,
            DeliveryReports reports, Clock clock) {
        this.notifications = notifications;
        this.knownIncidents = knownIncidents;
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
        this.console = console;
        this.reports = reports;
        this.clock = clock;
    }

    @Bean
    Consumer<NotificationRequested> notificationRequests() {
        return this::deliver;
    }

    void deliver(NotificationRequested request) {
        knownIncidents.paged(request, clock.instant());
        Notification notification = notifications.begin(request, clock.instant());
        if (notification.status() != Status.SENDING) {
            // a redelivered request: already decided, only the report may not have reached routing
            report(request, notification.status() == Status.FAILED ? DeliveryStatus.FAILED : DeliveryStatus.SENT,
                    notification.detail());
            return;
        }
        SendOutcome outcome = senders.containsKey(request.channel())
                ? senders.get(request.channel()).send(request)
                : printedInstead(request);
        switch (outcome) {
            case SendOutcome.Sent sent -> {
                notifications.finish(request.id(), Status.SENT, sent.providerId(), null, clock.instant());
                log.info("notification={} incident={} channel={} to={} sent provider_id={}", request.id(),
                        request.incidentId(), request.channel(), Redact.address(request.address()), sent.providerId());
                report(request, DeliveryStatus.SENT, null);
            }
            case SendOutcome.Failed failed -> {
                notifications.finish(request.id(), Status.FAILED, null, failed.reason(), clock.instant());
                log.warn("notification={} incident={} channel={} to={} failed ({}): {}", request.id(),
                        request.incidentId(), request.channel(), Redact.address(request.address()),
                        failed.temporary() ? "temporary" : "permanent", failed.reason());
                report(request, DeliveryStatus.FAILED, failed.reason());
            }
        }
    }

    /** Nobody was reached: the page is printed so it is not lost from sight, and reported as failed. */
    private SendOutcome printedInstead(NotificationRequested request) {
        console.send(request);
        return new SendOutcome.Failed(false, "not sent: the " + request.channel()
                + " channel is not configured here (printed on the console instead)");
    }

    private void report(NotificationRequested request, DeliveryStatus status, String detail) {
        reports.report(request.id(), request.incidentId(), request.channel(), status, detail, 1);
    }
}
