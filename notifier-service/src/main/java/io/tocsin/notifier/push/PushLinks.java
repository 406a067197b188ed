package io.tocsin.notifier.push;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.notifier.command.Commands;
import io.tocsin.notifier.directory.Contact;
import io.tocsin.notifier.directory.Contacts;
import io.tocsin.notifier.email.LinkAction;
import io.tocsin.notifier.email.LinkTokens;
import io.tocsin.notifier.email.LinkTokens.LinkToken;
import io.tocsin.notifier.email.LinkTokens.Verified;
import io.tocsin.notifier.incident.KnownIncident;
import io.tocsin.notifier.incident.KnownIncidents;
import io.tocsin.notifier.incident.StatusWords;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a push notification's Acknowledge and Resolve buttons post ({@code POST /push/{token}}): the token is the
 * capability (signed, expiring, one incident, one action, as the contact method the page went to), so the phone's ntfy
 * app needs no sign-in. A token not made here is 404 and changes nothing; an expired one 410; an incident already in
 * that state 409, saying by whom.
 */
@RestController
class PushLinks {

    private static final Logger log = LoggerFactory.getLogger(PushLinks.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final LinkTokens tokens;
    private final Contacts contacts;
    private final KnownIncidents incidents;
    private final Commands commands;

    PushLinks(LinkTokens tokens, Contacts contacts, KnownIncidents incidents, Commands commands) {
        this.tokens = tokens;
        this.contacts = contacts;
        this.incidents = incidents;
        this.commands = commands;
    }

    /** What a click did, in words the ntfy app can show. */
    record Done(String incident, String action, String message) {
    }

    @PostMapping(NtfySender.LINK_PATH + "{token}")
    ResponseEntity<?> act(@PathVariable String token) {
        LinkToken link;
        switch (tokens.verify(token)) {
            case Verified.Valid valid -> link = valid.token();
            case Verified.Expired expired -> {
                return problem(HttpStatus.GONE, "This button has expired", "It worked until "
                        + WHEN.format(expired.token().expiresAt()) + ". Answer a newer page, or act on the incident"
                        + " in Tocsin.");
            }
            case Verified.Invalid invalid -> {
                log.info("push action refused: not a valid token");
                return problem(HttpStatus.NOT_FOUND, "Not a valid action", "This link was not made by this Tocsin,"
                        + " or it was changed. Nothing was done.");
            }
        }
        Optional<Contact> contact = contacts.find(link.contactMethodId());
        if (contact.isEmpty()) {
            return problem(HttpStatus.GONE, "No longer a contact method", "The ntfy topic this page went to was"
                    + " removed from its Tocsin user, so its buttons cannot act for anyone.");
        }
        Optional<KnownIncident> known = incidents.find(link.incidentId());
        if (known.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "Unknown incident", "Tocsin's notifier does not know this incident"
                    + " (any more). Look it up in Tocsin itself.");
        }
        KnownIncident incident = known.get();
        LinkAction action = link.action();
        if (incident.status() == IncidentStatus.RESOLVED
                || incident.status() == IncidentStatus.ACKNOWLEDGED && action == LinkAction.ACKNOWLEDGE) {
            return problem(HttpStatus.CONFLICT, "Already done", StatusWords.already(incident) + ": nothing was"
                    + " changed.");
        }
        try {
            commands.issue(incident.id(), action.command(), contact.get(), Channel.PUSH, link.id());
        } catch (Commands.CommandNotSent e) {
            log.warn("push action {} on incident={} by user={} not handed to Kafka: {}", action, incident.id(),
                    contact.get().userId(), e.getMessage());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "Not done yet", "Tocsin could not take your answer just"
                    + " now: press the button again in a moment.");
        }
        log.info("push action {} on incident={} by user={}", action, incident.id(), contact.get().userId());
        return ResponseEntity.ok(new Done(incident.label(), action.name(), action.done() + " " + incident.label()
                + " by " + contact.get().userName()));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }
}
