package io.tocsin.notifier.voice;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentCommand.CommandType;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.command.Commands;
import io.tocsin.notifier.delivery.PersonalText;
import io.tocsin.notifier.directory.Contact;
import io.tocsin.notifier.directory.Contacts;
import io.tocsin.notifier.incident.KnownIncident;
import io.tocsin.notifier.incident.KnownIncidents;
import io.tocsin.notifier.incident.StatusWords;
import io.tocsin.notifier.voice.CalledPages.CalledPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a paging call says and what its keys do, whichever provider placed it. Answered, the call reads the incident
 * twice and waits for one key: 4 acknowledges, 6 resolves, 5 escalates, * repeats; a key press becomes a command for
 * routing, issued as the user the call went to, and the outcome is spoken. The wording names Tocsin and the incident
 * first, so that a voicemail that picks up keeps a useful message.
 */
@Component
class CallScripts {

    static final String MENU = "Press 4 to acknowledge, 6 to resolve, 5 to escalate, or star to hear this again.";
    /** Seconds to wait for a key after the incident was read out twice. */
    static final int KEY_SECONDS = 8;
    private static final Logger log = LoggerFactory.getLogger(CallScripts.class);

    /**
     * What to say: {@code intro} first (or nothing), then {@code prompts} while waiting for a key (a short pause
     * between them; none: no key is awaited), then, if no key came, {@code noKey}. The call hangs up after that, or
     * at once when no key is awaited; with prompts and no {@code noKey} it stays open for the next key press.
     */
    record Script(String intro, List<String> prompts, String noKey) {

        boolean hangsUp() {
            return prompts.isEmpty() || noKey != null;
        }
    }

    private final CalledPages pages;
    private final Contacts contacts;
    private final KnownIncidents incidents;
    private final Commands commands;

    CallScripts(CalledPages pages, Contacts contacts, KnownIncidents incidents, Commands commands) {
        this.pages = pages;
        this.contacts = contacts;
        this.incidents = incidents;
        this.commands = commands;
    }

    /**
     * The call for page {@code notificationId} ({@code callId}: the provider's id of the call) was answered
     * ({@code digits} null or empty) or a key was pressed: what it says now.
     */
    Script answer(UUID notificationId, String callId, String digits) {
        Optional<CalledPage> page = pages.find(notificationId);
        if (page.isPresent() && page.get().purpose() != NotificationRequested.Purpose.PAGE) {
            // a code or a test page: said, nothing to answer
            return ending(PersonalText.spoken(page.get().purpose(), page.get().code()));
        }
        List<KnownIncident> about = page.map(p -> p.incidentIds().stream().map(incidents::find)
                .flatMap(Optional::stream).toList()).orElse(List.of());
        if (about.isEmpty()) {
            log.warn("call={} for unknown page={}", callId, notificationId);
            return ending("Tocsin does not know what this call was about any more. Please check the incident list."
                    + " Goodbye.");
        }
        Optional<Contact> callee = Optional.ofNullable(page.get().contactMethodId()).flatMap(contacts::find);
        if (digits == null || digits.isEmpty() || digits.equals("*")) {
            return reading(about, callee);
        }
        Optional<CommandType> action = switch (digits) {
            case "4" -> Optional.of(CommandType.ACKNOWLEDGE);
            case "6" -> Optional.of(CommandType.RESOLVE);
            case "5" -> Optional.of(CommandType.ESCALATE);
            default -> Optional.empty();
        };
        if (action.isEmpty()) {
            return new Script("The key " + digits + " does nothing here.", List.of(menu(about)),
                    "No key was pressed. Goodbye.");
        }
        if (callee.isEmpty()) {
            log.info("call={} key {} on page={}: the number is no longer a user's", callId, digits, notificationId);
            return ending("This phone number is no longer linked to a Tocsin user, so nothing was changed. Goodbye.");
        }
        List<String> outcomes = new ArrayList<>();
        for (KnownIncident incident : about) {
            Optional<String> moot = StatusWords.moot(incident, action.get());
            if (moot.isPresent()) {
                outcomes.add(spoken(moot.get()));
                continue;
            }
            try {
                commands.issue(incident.id(), action.get(), callee.get(), Channel.VOICE, callId);
            } catch (Commands.CommandNotSent e) {
                log.warn("call={} key {} on incident={} not handed to Kafka: {}", callId, digits, incident.id(),
                        e.getMessage());
                return new Script("Tocsin could not take your answer just now. Please press the key again.",
                        List.of(menu(about)), null);
            }
            log.info("call={} key {} on incident={} by user={}", callId, digits, incident.id(), callee.get().userId());
            outcomes.add(spoken(incident.label()) + " " + done(action.get()) + ".");
        }
        return ending(String.join(" ", outcomes) + " Goodbye.");
    }

    /** The incidents, twice, with the keys; then goodbye if no key was pressed. */
    private static Script reading(List<KnownIncident> about, Optional<Contact> callee) {
        String incidentsRead = (about.size() == 1 ? "" : about.size() + " incidents. ")
                + about.stream().map(CallScripts::about).collect(Collectors.joining(" "));
        String greeting = "Hello, this is Tocsin with an alert" + callee.map(c -> " for " + c.userName()).orElse("")
                + ". ";
        return new Script(null, List.of(greeting + incidentsRead + " " + menu(about),
                "Again: " + incidentsRead + " " + menu(about)),
                "No key was pressed. Tocsin keeps paging until someone acknowledges. Goodbye.");
    }

    private static String about(KnownIncident incident) {
        return spoken(incident.label()) + ". " + (incident.severity() == null ? ""
                : incident.severity().toLowerCase(Locale.ROOT) + ". ") + incident.summary() + ". Service: "
                + incident.serviceName() + ".";
    }

    private static String menu(List<KnownIncident> about) {
        return about.size() == 1 ? MENU : "Press 4 to acknowledge all of them, 6 to resolve all of them, 5 to escalate"
                + " all of them, or star to hear this again.";
    }

    private static Script ending(String text) {
        return new Script(text, List.of(), null);
    }

    /** "#12" is read as "hash 12" by some voices: "Incident 12". */
    private static String spoken(String text) {
        return text.replaceAll("#(\\d+)", "Incident $1");
    }

    private static String done(CommandType action) {
        return switch (action) {
            case ACKNOWLEDGE -> "is acknowledged by you";
            case RESOLVE -> "is resolved by you";
            case ESCALATE -> "is escalated by you: the next level is being paged";
        };
    }
}
