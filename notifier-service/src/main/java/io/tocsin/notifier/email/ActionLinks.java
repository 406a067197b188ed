package io.tocsin.notifier.email;

import io.tocsin.notifier.directory.Contact;
import io.tocsin.notifier.directory.Contacts;
import io.tocsin.notifier.email.LinkTokens.LinkToken;
import io.tocsin.notifier.email.LinkTokens.Verified;
import io.tocsin.notifier.incident.KnownIncident;
import io.tocsin.notifier.incident.KnownIncidents;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks the token of a link that acts on an incident (an email's links, a push notification's buttons) and finds
 * the contact method it acts as and the incident: one way for every kind of link, each showing the outcome its own way.
 */
@Component
public class ActionLinks {

    private static final Logger log = LoggerFactory.getLogger(ActionLinks.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final LinkTokens tokens;
    private final Contacts contacts;
    private final KnownIncidents incidents;

    ActionLinks(LinkTokens tokens, Contacts contacts, KnownIncidents incidents) {
        this.tokens = tokens;
        this.contacts = contacts;
        this.incidents = incidents;
    }

    /** What a link turned out to be. */
    public sealed interface Checked {
    }

    /** A link that may act: its token, the contact method it acts as, the incident. */
    public record Acting(LinkToken token, Contact contact, KnownIncident incident) implements Checked {
    }

    /** A link that may not act, with the answer's status and what to tell the person. */
    public record Refused(HttpStatus status, String title, String message) implements Checked {
    }

    /** {@code from}: where the person found the link, for what to do about a broken one ("the email"). */
    public Checked check(String token, String from) {
        LinkToken link;
        switch (tokens.verify(token)) {
            case Verified.Valid valid -> link = valid.token();
            case Verified.Expired expired -> {
                log.info("link for incident={} expired at {}", expired.token().incidentId(),
                        expired.token().expiresAt());
                return new Refused(HttpStatus.GONE, "This link has expired", "It worked until "
                        + WHEN.format(expired.token().expiresAt()) + ". Answer a newer page, reply to the SMS or use"
                        + " Slack, or ask an admin to act on the incident in Tocsin.");
            }
            case Verified.Invalid invalid -> {
                log.info("link refused: not a valid token");
                return new Refused(HttpStatus.NOT_FOUND, "This link is not valid", "It may have been cut short or"
                        + " changed: open it again from " + from + ", whole. Nothing was done. If it keeps failing,"
                        + " the key that signed it may have been retired since; answer the page another way.");
            }
        }
        Optional<Contact> contact = contacts.find(link.contactMethodId());
        if (contact.isEmpty()) {
            return new Refused(HttpStatus.GONE, "This address is no longer a contact method", "Where this link was"
                    + " sent was removed from its Tocsin user, so the link cannot act for anyone. Answer the page"
                    + " another way.");
        }
        Optional<KnownIncident> incident = incidents.find(link.incidentId());
        if (incident.isEmpty()) {
            return new Refused(HttpStatus.NOT_FOUND, "Unknown incident", "Tocsin's notifier does not know this"
                    + " incident (any more). Look it up in Tocsin itself.");
        }
        return new Acting(link, contact.get(), incident.get());
    }
}
