package io.tocsin.notifier.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import io.tocsin.contracts.IncidentChanged;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.notifier.NotifierProperties;
import io.tocsin.notifier.incident.KnownIncident;
import io.tocsin.notifier.incident.KnownIncidents;
import io.tocsin.notifier.slack.SlackMessages.Posted;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps every Slack message posted about an incident in step with it (chat.update, in channels and DMs alike): who
 * acknowledged or resolved it and how, and only the buttons that still make sense. A message Slack will not update
 * is logged and left as it is; the incident consumer this runs in goes on.
 */
@Component
@ConditionalOnProperty("tocsin.slack.bot-token")
class SlackMessageUpdates {

    private static final Logger log = LoggerFactory.getLogger(SlackMessageUpdates.class);

    private final MethodsClient slack;
    private final SlackMessages messages;
    private final KnownIncidents incidents;
    private final NotifierProperties notifier;

    SlackMessageUpdates(MethodsClient slack, SlackMessages messages, KnownIncidents incidents,
            NotifierProperties notifier) {
        this.slack = slack;
        this.messages = messages;
        this.incidents = incidents;
        this.notifier = notifier;
    }

    @EventListener
    void on(IncidentChanged change) {
        // the state recorded, not the event's: a change that arrived late must not roll the message back
        KnownIncident incident = incidents.find(change.incidentId()).orElse(null);
        if (incident == null) {
            return;
        }
        // a page asked for at or after a trigger was posted showing it (the opening change often arrives after the
        // post); an acknowledgement or resolution edits every message, even one asked for in the same instant
        Instant shownBy = change.status() == IncidentStatus.TRIGGERED ? change.at() : null;
        for (Posted message : messages.of(incident.id(), shownBy)) {
            update(message, incident, null);
        }
    }

    /**
     * Someone asked to escalate: an escalation changes no state, so routing announces nothing, and without this the
     * click would leave the message as it was. Every message about the incident says who asked, buttons kept.
     */
    void escalated(KnownIncident incident, String byWhom) {
        for (Posted message : messages.of(incident.id(), null)) {
            update(message, incident, "Escalation to the next level asked for by " + byWhom + " via Slack");
        }
    }

    private void update(Posted message, KnownIncident incident, String note) {
        SlackPage.Content content = SlackPage.Content.of(incident, message.paged(),
                notifier.incidentUrl(incident.id()).orElse(null));
        try {
            ChatUpdateResponse response = slack.chatUpdate(update -> update
                    .channel(message.channel())
                    .ts(message.ts())
                    .text(SlackPage.text(content, incident))
                    .blocks(SlackPage.blocks(content, incident, note)));
            if (response.isOk()) {
                log.info("incident={} slack message={} updated: {}", incident.id(), message.providerId(),
                        incident.status());
            } else {
                log.warn("incident={} slack message={} not updated: Slack error {}", incident.id(),
                        message.providerId(), response.getError());
            }
        } catch (SlackApiException e) {
            log.warn("incident={} slack message={} not updated: Slack answered HTTP {} {}", incident.id(),
                    message.providerId(), e.getResponse().code(), e.getError() == null ? "" : e.getError().getError());
        } catch (Exception e) {
            // never let a message Slack cannot take stop the incident consumer (its retries would repeat every update)
            log.warn("incident={} slack message={} not updated: {}: {}", incident.id(), message.providerId(),
                    e.getClass().getSimpleName(), e.getMessage());
        }
    }
}
