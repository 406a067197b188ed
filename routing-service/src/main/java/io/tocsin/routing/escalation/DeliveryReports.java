package io.tocsin.routing.escalation;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.routing.escalation.Notifications.Notification;
import io.tocsin.routing.incident.Incident;
import io.tocsin.routing.incident.IncidentLog;
import io.tocsin.routing.incident.Incidents;
import io.tocsin.routing.timer.Timers;
import io.tocsin.routing.user.PersonalMessages;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the notifier reports of each page goes on the incident's timeline. When every page of the current level
 * failed for good, nobody there can answer: the next level is paged now instead of after the level's delay.
 */
@Component
public class DeliveryReports {

    private static final Logger log = LoggerFactory.getLogger(DeliveryReports.class);

    private final Notifications notifications;
    private final Incidents incidents;
    private final IncidentLog incidentLog;
    private final Timers timers;
    private final PersonalMessages personalMessages;
    private final Clock clock;

    DeliveryReports(Notifications notifications, Incidents incidents, IncidentLog incidentLog, Timers timers,
            PersonalMessages personalMessages, Clock clock) {
        this.personalMessages = personalMessages;
        this.notifications = notifications;
        this.incidents = incidents;
        this.incidentLog = incidentLog;
        this.timers = timers;
        this.clock = clock;
    }

    /**
     * Readies the transaction that applies a poll of reports one by one ({@link #onDelivery} each, after this): locks
     * their incidents, in id order, and reads their pages, in one statement.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void prepare(List<DeliveryReported> deliveries) {
        notifications.lockIncidentsWith(incidents, deliveries.stream().map(DeliveryReported::incidentId)
                .filter(Objects::nonNull).toList(), deliveries.stream().filter(delivery -> delivery.incidentId() != null)
                .map(DeliveryReported::notificationId).filter(Objects::nonNull).distinct().toList());
    }

    /** Applies a report seen for the first time: its consumer asks the inbox ({@code BatchConsumers}). */
    @Transactional
    public void onDelivery(DeliveryReported delivery) {
        if (delivery.incidentId() == null) {
            // a code, a test page or an invitation: about no incident
            personalMessages.reported(delivery);
            return;
        }
        // the incident first, in the order every other writer locks an incident and then its rows
        Optional<Incident> incident = incidents.lock(delivery.incidentId());
        if (incident.isEmpty()) {
            return;
        }
        Optional<Notification> notification = notifications.find(delivery.notificationId());
        String page = notification.map(n -> capitalized(label(n.channel())) + " to " + n.recipient())
                .orElse("Page " + delivery.notificationId() + " by " + delivery.channel());
        incidentLog.append(delivery.incidentId(), delivery.at(), "NOTIFICATION_" + delivery.status(), null,
                page + describe(delivery));
        notification.ifPresent(n -> {
            notifications.reported(n.id(), delivery.status(), delivery.attempt(), delivery.at());
            if (delivery.status().isFinalFailure()) {
                failedForGood(incident.get(), n);
            }
        });
    }

    private static String describe(DeliveryReported delivery) {
        if (delivery.failedOver() != null && delivery.provider() != null) {
            // "SMS to Alice via Twilio failed (HTTP 503); sent via Vonage"
            return " via " + delivery.failedOver() + "; " + delivery.status().name().toLowerCase() + " via "
                    + delivery.provider();
        }
        String attempt = delivery.attempt() > 0 ? ": attempt " + delivery.attempt() + " " : ": ";
        String detail = delivery.detail() == null || delivery.detail().isBlank() ? "" : " (" + delivery.detail() + ")";
        return switch (delivery.status()) {
            case RETRYING -> attempt + "failed" + detail + ", retrying";
            case HELD -> " held back by throttling: goes out bundled when the window allows";
            case CANCELLED -> ": cancelled" + detail;
            default -> attempt + delivery.status().name().toLowerCase() + detail;
        };
    }

    /** Says so when the notification's user, then its whole level, cannot be reached; then escalates at once. */
    private void failedForGood(Incident incident, Notification failed) {
        Step step = failed.step();
        if (incident.status() != IncidentStatus.TRIGGERED || incident.escalationGeneration() != step.generation()
                || incident.escalationLevel() != step.level() || incident.escalationRound() != step.round()) {
            return;
        }
        List<Notification> ofStep = notifications.ofStep(incident.id(), step);
        if (failed.userId() != null) {
            List<Notification> ofUser = ofStep.stream().filter(n -> failed.userId().equals(n.userId())).toList();
            if (!ofUser.stream().allMatch(Notification::failed)
                    || timers.pending(incident.id(), step.generation(), Escalator.NOTIFY, step.level(), step.round(),
                            failed.userId())) {
                return;
            }
            incidentLog.append(incident.id(), clock.instant(), "USER_UNREACHABLE", null, failed.recipient()
                    + " could not be reached (" + ofUser.stream().map(n -> label(n.channel()) + " failed").distinct()
                    .collect(Collectors.joining(", ")) + ")");
        }
        if (!ofStep.stream().allMatch(Notification::failed)
                || timers.pending(incident.id(), step.generation(), Escalator.NOTIFY, step.level(), step.round(), null)) {
            return;
        }
        Instant now = clock.instant();
        boolean further = timers.bringForward(incident.id(), step.generation(), Escalator.ESCALATE, now);
        incidentLog.append(incident.id(), now, "LEVEL_UNREACHABLE", null, "nobody at level " + (step.level() + 1)
                + " could be reached: " + (further ? "escalating now instead of waiting out the level's delay"
                        : "the escalation policy has nothing further to page"));
        log.info("incident={} level={} round={} unreachable, escalating now={}", incident.id(), step.level() + 1,
                step.round(), further);
    }

    /** How the timeline names a channel: "SMS failed, voice failed". */
    private static String label(Channel channel) {
        return switch (channel) {
            case SMS -> "SMS";
            case SLACK -> "Slack";
            default -> channel.name().toLowerCase();
        };
    }

    private static String capitalized(String label) {
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }
}
