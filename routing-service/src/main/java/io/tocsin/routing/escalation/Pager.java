package io.tocsin.routing.escalation;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.routing.incident.Incident;
import io.tocsin.routing.incident.IncidentLog;
import io.tocsin.routing.outbox.Outbox;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.ContactMethod;
import io.tocsin.routing.user.User;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Asks the notifier to page one contact method, and writes that on the incident's timeline. */
@Component
class Pager {

    private final Outbox outbox;
    private final IncidentLog log;

    Pager(Outbox outbox, IncidentLog log) {
        this.outbox = outbox;
        this.log = log;
    }

    /** Posts the page to a Slack channel that a level targets. */
    void pageChannel(Incident incident, Service service, String slackChannel, Instant now) {
        UUID notificationId = UUID.randomUUID();
        outbox.append(Outbox.NOTIFICATIONS, incident.id().toString(), new NotificationRequested(notificationId,
                NotificationRequested.SCHEMA_VERSION, incident.id(), null, null, null, Channel.SLACK, slackChannel,
                service.name(), incident.summary(), incident.severity(), incident.urgency(), now, null, incident.source(), null));
        log.append(incident.id(), now, "NOTIFICATION_QUEUED", null,
                "page " + notificationId + " to Slack channel " + slackChannel);
    }

    void page(Incident incident, Service service, User user, ContactMethod method, Instant now) {
        UUID notificationId = UUID.randomUUID();
        outbox.append(Outbox.NOTIFICATIONS, incident.id().toString(), new NotificationRequested(notificationId,
                NotificationRequested.SCHEMA_VERSION, incident.id(), user.id(), user.name(), method.id(),
                method.channel(), method.address(), service.name(), incident.summary(), incident.severity(),
                incident.urgency(), now, null, incident.source(), null));
        log.append(incident.id(), now, "NOTIFICATION_QUEUED", null,
                "page " + notificationId + " to " + user.name() + " by " + method.channel());
    }
}
