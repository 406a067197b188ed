package io.tocsin.routing.escalation;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.routing.incident.Incident;
import io.tocsin.routing.incident.IncidentLog;
import io.tocsin.routing.incident.Incidents;
import io.tocsin.routing.outbox.Outbox;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.ContactMethod;
import io.tocsin.routing.user.User;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Asks the notifier to page one contact method, and writes that on the incident's timeline. */
@Component
class Pager {

    private final Outbox outbox;
    private final IncidentLog log;
    private final Incidents incidents;
    private final Notifications notifications;

    Pager(Outbox outbox, IncidentLog log, Incidents incidents, Notifications notifications) {
        this.outbox = outbox;
        this.log = log;
        this.incidents = incidents;
        this.notifications = notifications;
    }

    /** Posts the page to a Slack channel or a webhook that a level targets. */
    void pageChannel(Incident incident, Service service, Channel channel, String address, Step step, Instant now) {
        UUID notificationId = request(incident, service, null, null, channel, address, null, now);
        notifications.requested(notificationId, incident.id(), step, null, channel, target(channel, address), now);
        log.append(incident.id(), now, "NOTIFICATION_QUEUED", null, "page " + notificationId + " to " + target(channel, address));
    }

    /** How the timeline names a target that is not a user; a webhook by its host, its URL may hold a secret. */
    static String target(Channel channel, String address) {
        return channel == Channel.WEBHOOK ? "webhook at " + URI.create(address).getHost() : "Slack channel " + address;
    }

    void page(Incident incident, Service service, User user, ContactMethod method, Step step, Instant now) {
        UUID notificationId = request(incident, service, user, method.id(), method.channel(), method.address(),
                method.sealedSecret(), now);
        notifications.requested(notificationId, incident.id(), step, user.id(), method.channel(), user.name(), now);
        log.append(incident.id(), now, "NOTIFICATION_QUEUED", null,
                "page " + notificationId + " to " + user.name() + " by " + method.channel() + (method.optedOut()
                        ? " (opted out of " + method.channel() + " since " + method.optedOutAt() + ": expect it to fail)"
                        : ""));
    }

    private UUID request(Incident incident, Service service, User user, UUID contactMethodId, Channel channel,
            String address, String sealedSecret, Instant now) {
        UUID notificationId = UUID.randomUUID();
        outbox.append(Outbox.NOTIFICATIONS, incident.id().toString(), new NotificationRequested(notificationId,
                NotificationRequested.SCHEMA_VERSION, incident.id(), user == null ? null : user.id(),
                user == null ? null : user.name(), contactMethodId, channel, address, service.name(),
                incident.summary(), incident.severity(), incident.urgency(), now, incident.number(),
                incident.source(), incidents.details(incident.id()), NotificationRequested.Purpose.PAGE, null, null,
                sealedSecret));
        return notificationId;
    }
}
