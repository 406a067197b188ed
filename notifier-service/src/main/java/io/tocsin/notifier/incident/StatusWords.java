package io.tocsin.notifier.incident;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentCommand.CommandType;
import io.tocsin.contracts.IncidentStatus;
import java.util.Locale;
import java.util.Optional;

/**
 * How an incident's state is told to the person who reads a message or a page: "acknowledged by Alice via Slack".
 * Shared by every channel that answers a responder: Slack messages, email link pages, SMS replies, calls.
 */
public final class StatusWords {

    private StatusWords() {
    }

    /** "Acknowledged by Alice via Slack", "Resolved by monitor via alertmanager", "Triggered". */
    public static String line(KnownIncident incident) {
        String state = state(incident);
        return Character.toUpperCase(state.charAt(0)) + state.substring(1);
    }

    /** "acknowledged by Alice via Slack", "triggered". */
    public static String state(KnownIncident incident) {
        return verb(incident.status()) + byWhom(incident);
    }

    /** "#12 is already resolved by Bob via SMS". */
    public static String already(KnownIncident incident) {
        return incident.label() + " is already " + verb(incident.status()) + byWhom(incident);
    }

    /**
     * Why acting on the incident would change nothing ("#12 is already resolved by Bob via SMS: nothing to do."),
     * said to the responder instead; empty when routing should act.
     */
    public static Optional<String> moot(KnownIncident incident, CommandType action) {
        if (incident.status() == IncidentStatus.RESOLVED) {
            return Optional.of(already(incident) + ": nothing to do.");
        }
        if (incident.status() == IncidentStatus.ACKNOWLEDGED && action != CommandType.RESOLVE) {
            return Optional.of(already(incident) + (action == CommandType.ESCALATE
                    ? ": only a triggered incident escalates; resolve it when it is fixed." : "."));
        }
        return Optional.empty();
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
    public static String via(String via) {
        for (Channel channel : Channel.values()) {
            if (channel.name().equals(via)) {
                return switch (channel) {
                    case SLACK -> "Slack";
                    case SMS -> "SMS";
                    case VOICE -> "phone";
                    case EMAIL -> "email";
                    case WEBHOOK -> "webhook";
                    case PUSH -> "push notification";
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
