package io.tocsin.notifier.voice;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Say;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentCommand.CommandType;
import io.tocsin.notifier.NotifierProperties;
import io.tocsin.notifier.command.Commands;
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
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a paging call says and what its keys do ({@code POST /webhooks/twilio/voice?page=…}; the signature is checked
 * before this sees the request). Answered, the call reads the incident twice and waits for one key: 4 acknowledges,
 * 6 resolves, 5 escalates, * repeats; the key press comes back here and becomes a command for routing, issued as the
 * user the call went to, and the outcome is spoken. The wording names Tocsin and the incident first, so that a
 * voicemail that picks up keeps a useful message.
 */
@RestController
@ConditionalOnProperty("tocsin.twilio.account-sid")
class VoiceCalls {

    static final String PATH = "/webhooks/twilio/voice";
    static final String MENU = "Press 4 to acknowledge, 6 to resolve, 5 to escalate, or star to hear this again.";
    /** Seconds to wait for a key after the incident was read out twice. */
    private static final int KEY_SECONDS = 8;
    private static final Logger log = LoggerFactory.getLogger(VoiceCalls.class);

    private final NotifierProperties notifier;
    private final CalledPages pages;
    private final Contacts contacts;
    private final KnownIncidents incidents;
    private final Commands commands;

    VoiceCalls(NotifierProperties notifier, CalledPages pages, Contacts contacts, KnownIncidents incidents,
            Commands commands) {
        this.notifier = notifier;
        this.pages = pages;
        this.contacts = contacts;
        this.incidents = incidents;
        this.commands = commands;
    }

    /** Where Twilio fetches the call's words and sends its key presses. */
    static String url(NotifierProperties notifier, UUID notificationId) {
        return notifier.url(PATH + "?page=" + notificationId);
    }

    @PostMapping(PATH)
    ResponseEntity<String> call(@RequestParam("page") UUID notificationId, @RequestParam("CallSid") String callSid,
            @RequestParam(name = "Digits", required = false) String digits) {
        Optional<CalledPage> page = pages.find(notificationId);
        List<KnownIncident> about = page.map(p -> p.incidentIds().stream().map(incidents::find)
                .flatMap(Optional::stream).toList()).orElse(List.of());
        if (about.isEmpty()) {
            log.warn("call={} for unknown page={}", callSid, notificationId);
            return twiml(ending("Tocsin does not know what this call was about any more. Please check the"
                    + " incident list. Goodbye."));
        }
        Optional<Contact> callee = Optional.ofNullable(page.get().contactMethodId()).flatMap(contacts::find);
        if (digits == null || digits.isEmpty() || digits.equals("*")) {
            return twiml(reading(notificationId, about, callee));
        }
        Optional<CommandType> action = switch (digits) {
            case "4" -> Optional.of(CommandType.ACKNOWLEDGE);
            case "6" -> Optional.of(CommandType.RESOLVE);
            case "5" -> Optional.of(CommandType.ESCALATE);
            default -> Optional.empty();
        };
        if (action.isEmpty()) {
            return twiml(new VoiceResponse.Builder()
                    .say(say("The key " + digits + " does nothing here."))
                    .gather(gather(notificationId).say(say(menu(about))).build())
                    .say(say("No key was pressed. Goodbye."))
                    .hangup(new Hangup.Builder().build())
                    .build());
        }
        if (callee.isEmpty()) {
            log.info("call={} key {} on page={}: the number is no longer a user's", callSid, digits, notificationId);
            return twiml(ending("This phone number is no longer linked to a Tocsin user, so nothing was changed."
                    + " Goodbye."));
        }
        List<String> outcomes = new ArrayList<>();
        for (KnownIncident incident : about) {
            Optional<String> moot = StatusWords.moot(incident, action.get());
            if (moot.isPresent()) {
                outcomes.add(spoken(moot.get()));
                continue;
            }
            try {
                commands.issue(incident.id(), action.get(), callee.get(), Channel.VOICE, callSid);
            } catch (Commands.CommandNotSent e) {
                log.warn("call={} key {} on incident={} not handed to Kafka: {}", callSid, digits, incident.id(),
                        e.getMessage());
                return twiml(new VoiceResponse.Builder()
                        .say(say("Tocsin could not take your answer just now. Please press the key again."))
                        .gather(gather(notificationId).say(say(menu(about))).build())
                        .build());
            }
            log.info("call={} key {} on incident={} by user={}", callSid, digits, incident.id(), callee.get().userId());
            outcomes.add(spoken(incident.label()) + " " + done(action.get()) + ".");
        }
        return twiml(ending(String.join(" ", outcomes) + " Goodbye."));
    }

    /** The incidents, twice, with the keys; then goodbye if no key was pressed. */
    private VoiceResponse reading(UUID notificationId, List<KnownIncident> about, Optional<Contact> callee) {
        String incidentsRead = (about.size() == 1 ? "" : about.size() + " incidents. ")
                + about.stream().map(VoiceCalls::about).collect(Collectors.joining(" "));
        String greeting = "Hello, this is Tocsin with an alert" + callee.map(c -> " for " + c.userName()).orElse("")
                + ". ";
        return new VoiceResponse.Builder()
                .gather(gather(notificationId).say(say(greeting + incidentsRead + " " + menu(about)))
                        .pause(new Pause.Builder().length(1).build())
                        .say(say("Again: " + incidentsRead + " " + menu(about))).build())
                .say(say("No key was pressed. Tocsin keeps paging until someone acknowledges. Goodbye."))
                .hangup(new Hangup.Builder().build())
                .build();
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

    /** Waits for one key, sent back here. */
    private Gather.Builder gather(UUID notificationId) {
        return new Gather.Builder()
                .numDigits(1)
                .timeout(KEY_SECONDS)
                .action(url(notifier, notificationId))
                .method(HttpMethod.POST);
    }

    private static VoiceResponse ending(String text) {
        return new VoiceResponse.Builder().say(say(text)).hangup(new Hangup.Builder().build()).build();
    }

    private static Say say(String text) {
        return new Say.Builder(text).language(Say.Language.EN_US).build();
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

    private static ResponseEntity<String> twiml(VoiceResponse response) {
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(response.toXml());
    }
}
