package io.tocsin.notifier.slack;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.notifier.incident.KnownIncident;
import java.util.Locale;

/**
 * How an incident's state is told to the person who reads a message or a page: "acknowledged by Alice via Slack".
 * Shared by the Slack messages and the email link pages (it would sit beside delivery.PageText if that package
 * were open to this change).
 */
public final class StatusWords {

    private StatusWords() {
    }

    /** "Acknowledged by Alice via Slack", "Resolved by monitor via alertmanager", "Triggered". */
    public static String line(KnownIncident incident) {
        String verb = verb(incident.status());
        return Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + byWhom(incident);
    }

    /** "#12 is already resolved by Bob via SMS". */
    public static String already(KnownIncident incident) {
        return incident.label() + " is already " + verb(incident.status()) + byWhom(incident);
    }

    public static String verb(IncidentStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** " by Alice via Slack"; empty when nobody is known (a new incident). */
    private static String byWhom(KnownIncident incident) {
        if (incident.status() == IncidentStatus.TRIGGERED || incident.changedBy() == null) {
            return "";
        }
        return " by " + incident.changedBy() + (incident.changedVia() == null ? "" : " via " + via(incident.changedVia()));
    }

    /** Routing's via names (a channel, API, TIMER, an integration type) as words. */
    static String via(String via) {
        for (Channel channel : Channel.values()) {
            if (channel.name().equals(via)) {
                return switch (channel) {
                    case SLACK -> "Slack";
                    case SMS -> "SMS";
                    case VOICE -> "phone";
                    case EMAIL -> "email";
                    case WEBHOOK -> "webhook";
                    case CONSOLE -> "console";
                };
            }
        }
        return switch (via) {
            case "API" -> "the API";
            case "TIMER" -> "timeout";
            default -> via.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
