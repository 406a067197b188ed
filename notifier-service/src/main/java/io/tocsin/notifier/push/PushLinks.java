package io.tocsin.notifier.push;

import io.tocsin.contracts.Channel;
import io.tocsin.notifier.command.Commands;
import io.tocsin.notifier.directory.Contact;
import io.tocsin.notifier.email.ActionLinks;
import io.tocsin.notifier.email.ActionLinks.Acting;
import io.tocsin.notifier.email.ActionLinks.Refused;
import io.tocsin.notifier.email.LinkAction;
import io.tocsin.notifier.incident.KnownIncident;
import io.tocsin.notifier.incident.StatusWords;
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
 * capability (signed, expiring, one incident, one action, as the contact method the page went to; checked as the email
 * links' are), so the phone's ntfy app needs no sign-in. A token not made here is 404 and changes nothing; an expired
 * one 410; an incident already in that state 409, saying by whom.
 */
@RestController
class PushLinks {

    private static final Logger log = LoggerFactory.getLogger(PushLinks.class);

    private final ActionLinks links;
    private final Commands commands;

    PushLinks(ActionLinks links, Commands commands) {
        this.links = links;
        this.commands = commands;
    }

    /** What a click did, in words the ntfy app can show. */
    record Done(String incident, String action, String message) {
    }

    @PostMapping(NtfySender.LINK_PATH + "{token}")
    ResponseEntity<?> act(@PathVariable String token) {
        return switch (links.check(token, "the push notification")) {
            case Acting acting -> act(acting);
            case Refused refused -> problem(refused.status(), refused.title(), refused.message());
        };
    }

    private ResponseEntity<?> act(Acting link) {
        KnownIncident incident = link.incident();
        Contact contact = link.contact();
        LinkAction action = link.token().action();
        Optional<String> moot = StatusWords.moot(incident, action.command());
        if (moot.isPresent()) {
            return problem(HttpStatus.CONFLICT, "Already done", moot.get() + " Nothing was changed.");
        }
        try {
            commands.issue(incident.id(), action.command(), contact, Channel.PUSH, link.token().id());
        } catch (Commands.CommandNotSent e) {
            log.warn("push action {} on incident={} by user={} not handed to Kafka: {}", action, incident.id(),
                    contact.userId(), e.getMessage());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "Not done yet", "Tocsin could not take your answer just"
                    + " now: press the button again in a moment.");
        }
        log.info("push action {} on incident={} by user={}", action, incident.id(), contact.userId());
        return ResponseEntity.ok(new Done(incident.label(), action.name(), action.done() + " " + incident.label()
                + " by " + contact.userName()));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }
}
