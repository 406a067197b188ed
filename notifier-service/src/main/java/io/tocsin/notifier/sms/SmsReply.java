package io.tocsin.notifier.sms;

import io.tocsin.contracts.IncidentCommand.CommandType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a responder's SMS to Tocsin asks for. The grammar forgives: "12a", "12 a", "#12 ack", "ack 12", "A12",
 * "12 acknowledge" act on incident 12; a bare "a" on the only open incident paged to the number; "aa" on all of
 * them; c/close/r/resolve resolve, e/esc/escalate escalate. STOP/START/HELP are the carriers' keywords.
 */
sealed interface SmsReply {

    /** Act on the incident with this number. */
    record OnIncident(long number, CommandType action) implements SmsReply {
    }

    /** Act on the one open incident paged to the sender ("a"). */
    record OnOnlyOpen(CommandType action) implements SmsReply {
    }

    /** Act on every open incident paged to the sender ("aa", "cc"). */
    record OnAllOpen(CommandType action) implements SmsReply {
    }

    /** The sender no longer wants SMS from this number. */
    record OptOut() implements SmsReply {
    }

    /** The sender wants SMS again. */
    record OptIn() implements SmsReply {
    }

    /** Asks how to answer. */
    record Help() implements SmsReply {
    }

    /** Not understood. */
    record Unknown() implements SmsReply {
    }

    Map<String, CommandType> ACTIONS = Map.ofEntries(
            Map.entry("a", CommandType.ACKNOWLEDGE), Map.entry("ack", CommandType.ACKNOWLEDGE),
            Map.entry("acknowledge", CommandType.ACKNOWLEDGE), Map.entry("c", CommandType.RESOLVE),
            Map.entry("close", CommandType.RESOLVE), Map.entry("r", CommandType.RESOLVE),
            Map.entry("res", CommandType.RESOLVE), Map.entry("resolve", CommandType.RESOLVE),
            Map.entry("e", CommandType.ESCALATE), Map.entry("esc", CommandType.ESCALATE),
            Map.entry("escalate", CommandType.ESCALATE));

    Map<String, CommandType> ALL = Map.of("aa", CommandType.ACKNOWLEDGE, "cc", CommandType.RESOLVE,
            "rr", CommandType.RESOLVE);

    // Twilio's (and the US carriers') opt-out and opt-in keywords
    Set<String> OPT_OUT = Set.of("stop", "stopall", "stop all", "unsubscribe", "cancel", "end",
            "quit", "optout", "revoke");
    Set<String> OPT_IN = Set.of("start", "yes", "unstop", "optin");
    Set<String> HELP = Set.of("help", "info", "?");

    Pattern NUMBER_FIRST = Pattern.compile("#?(\\d{1,12})\\s*([a-z]+)");
    Pattern ACTION_FIRST = Pattern.compile("([a-z]+)\\s*#?(\\d{1,12})");

    static SmsReply parse(String body) {
        String text = body == null ? "" : body.strip().toLowerCase(Locale.ROOT)
                .replaceAll("[\\s.!,;:]+$", "").replaceAll("\\s+", " ");
        if (OPT_OUT.contains(text)) {
            return new OptOut();
        }
        if (OPT_IN.contains(text)) {
            return new OptIn();
        }
        if (HELP.contains(text)) {
            return new Help();
        }
        if (ALL.containsKey(text)) {
            return new OnAllOpen(ALL.get(text));
        }
        if (ACTIONS.containsKey(text)) {
            return new OnOnlyOpen(ACTIONS.get(text));
        }
        return onIncident(NUMBER_FIRST.matcher(text), 1, 2)
                .or(() -> onIncident(ACTION_FIRST.matcher(text), 2, 1))
                .orElse(new Unknown());
    }

    private static Optional<SmsReply> onIncident(Matcher matcher, int numberGroup, int actionGroup) {
        if (!matcher.matches() || !ACTIONS.containsKey(matcher.group(actionGroup))) {
            return Optional.empty();
        }
        return Optional.of(new OnIncident(Long.parseLong(matcher.group(numberGroup)),
                ACTIONS.get(matcher.group(actionGroup))));
    }
}
