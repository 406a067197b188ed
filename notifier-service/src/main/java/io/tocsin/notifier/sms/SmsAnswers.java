package io.tocsin.notifier.sms;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentCommand.CommandType;
import io.tocsin.notifier.command.Commands;
import io.tocsin.notifier.delivery.PageText;
import io.tocsin.notifier.delivery.Redact;
import io.tocsin.notifier.directory.Contact;
import io.tocsin.notifier.directory.Contacts;
import io.tocsin.notifier.incident.KnownIncident;
import io.tocsin.notifier.incident.KnownIncidents;
import io.tocsin.notifier.incident.StatusWords;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A responder's SMS reply to a page, whichever provider carried it: it becomes a command for routing, issued as the
 * Tocsin user who owns the number, and is answered by SMS with what was done, or with why nothing was.
 */
@Component
class SmsAnswers {

    static final String USAGE = "Reply 12a to acknowledge #12, 12c to close it, 12e to escalate; a, c or e alone for"
            + " the only open incident; aa to acknowledge all.";
    private static final Logger log = LoggerFactory.getLogger(SmsAnswers.class);

    private final Contacts contacts;
    private final KnownIncidents incidents;
    private final Commands commands;
    private final SmsOptOuts optOuts;

    SmsAnswers(Contacts contacts, KnownIncidents incidents, Commands commands, SmsOptOuts optOuts) {
        this.contacts = contacts;
        this.incidents = incidents;
        this.commands = commands;
        this.optOuts = optOuts;
    }

    /**
     * Acts on the reply {@code body} from the number {@code from} ({@code messageId}: the provider's id of the reply)
     * and returns the SMS to answer with, or null for none (STOP and START, which the carriers answer themselves).
     */
    String answer(String from, String messageId, String body) {
        SmsReply reply = SmsReply.parse(body);
        log.info("sms reply message={} from={} read as {}", messageId, Redact.address(from), reply);
        return switch (reply) {
            // Twilio answers STOP and START itself, and would not deliver our answer to an opted-out number
            case SmsReply.OptOut ignored -> {
                optOuts.optOut(from, messageId);
                yield null;
            }
            case SmsReply.OptIn ignored -> {
                optOuts.optIn(from, messageId);
                yield null;
            }
            case SmsReply.Help ignored -> "Tocsin: " + USAGE;
            case SmsReply.Unknown ignored -> "Tocsin did not understand \"" + shorten(body) + "\". " + USAGE;
            default -> answer(from, messageId, reply);
        };
    }

    /** A reply that acts on incidents, from a number that must be a user's. */
    private String answer(String from, String messageSid, SmsReply reply) {
        Optional<Contact> responder = contacts.find(Channel.SMS, from).or(() -> contacts.find(Channel.VOICE, from));
        if (responder.isEmpty()) {
            return "This number is not linked to a Tocsin user, so nothing was changed. Ask an admin to add it to your"
                    + " user as an SMS contact method.";
        }
        return switch (reply) {
            case SmsReply.OnIncident on -> incidents.byNumber(on.number())
                    .map(incident -> StatusWords.moot(incident, on.action())
                            .orElseGet(() -> act(List.of(incident), on.action(), responder.get(), messageSid)))
                    .orElse("Tocsin knows no incident #" + on.number() + ", so nothing was changed. " + USAGE);
            case SmsReply.OnOnlyOpen only -> {
                List<KnownIncident> open = incidents.openPagedTo(from);
                List<KnownIncident> actionable = actionable(open, only.action());
                if (actionable.size() > 1) {
                    String code = letter(only.action());
                    yield actionable.size() + " open incidents: " + listing(actionable)
                            + ". Reply with the number, e.g. " + Optional.ofNullable(actionable.getFirst().number())
                            .orElse(12L) + code + ", or " + code + code + " for all.";
                }
                if (actionable.size() == 1) {
                    yield act(actionable, only.action(), responder.get(), messageSid);
                }
                yield open.isEmpty() ? "No open incident was paged to this number, so nothing was changed."
                        : StatusWords.moot(open.getFirst(), only.action()).orElseThrow();
            }
            case SmsReply.OnAllOpen all -> {
                List<KnownIncident> actionable = actionable(incidents.openPagedTo(from), all.action());
                yield actionable.isEmpty()
                        ? "No open incident paged to this number is left to " + imperative(all.action()) + "."
                        : act(actionable, all.action(), responder.get(), messageSid);
            }
            default -> throw new IllegalStateException("not an answer on incidents: " + reply);
        };
    }

    private static List<KnownIncident> actionable(List<KnownIncident> open, CommandType action) {
        return open.stream().filter(incident -> StatusWords.moot(incident, action).isEmpty()).toList();
    }

    /**
     * Hands the answer on to routing. The reply says what is being done ("Closing #53 …"), not that it is done:
     * routing applies it a moment later, and says so on the incident's timeline.
     */
    private String act(List<KnownIncident> incidents, CommandType action, Contact responder, String messageSid) {
        for (KnownIncident incident : incidents) {
            try {
                commands.issue(incident.id(), action, responder, Channel.SMS, messageSid);
            } catch (Commands.CommandNotSent e) {
                log.warn("sms reply message={} on incident={} not handed to Kafka: {}", messageSid, incident.id(),
                        e.getMessage());
                return "Tocsin could not take your answer just now: please reply again in a minute.";
            }
        }
        return switch (action) {
            case ACKNOWLEDGE -> "Acknowledging ";
            case RESOLVE -> "Closing ";
            case ESCALATE -> "Escalating ";
        } + (incidents.size() == 1 ? "" : incidents.size() + " incidents: ") + listing(incidents) + "…";
    }

    private static String listing(List<KnownIncident> incidents) {
        return PageText.listing(incidents, KnownIncident::label, KnownIncident::summary);
    }

    private static String imperative(CommandType action) {
        return switch (action) {
            case ACKNOWLEDGE -> "acknowledge";
            case RESOLVE -> "close";
            case ESCALATE -> "escalate";
        };
    }

    private static String letter(CommandType action) {
        return switch (action) {
            case ACKNOWLEDGE -> "a";
            case RESOLVE -> "c";
            case ESCALATE -> "e";
        };
    }

    private static String shorten(String body) {
        String text = body.strip().replaceAll("\\s+", " ");
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }
}
