package io.tocsin.notifier.email;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierProperties;
import io.tocsin.notifier.delivery.ChannelSender;
import io.tocsin.notifier.delivery.PersonalText;
import io.tocsin.notifier.delivery.SendOutcome;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Pages by email over SMTP (Spring Mail): a multipart message with plain-text and HTML parts, and signed links to
 * acknowledge or resolve as the contact method it went to. The provider id is the mail's Message-ID.
 */
class EmailSender implements ChannelSender {

    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final JavaMailSender mail;
    private final EmailTemplates templates;
    private final String from;
    private final LinkTokens links;
    private final NotifierProperties notifier;
    private final Clock clock;

    EmailSender(JavaMailSender mail, EmailTemplates templates, String from, LinkTokens links,
            NotifierProperties notifier, Clock clock) {
        this.mail = mail;
        this.templates = templates;
        this.from = from;
        this.links = links;
        this.notifier = notifier;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public SendOutcome send(NotificationRequested n) {
        InternetAddress to;
        try {
            to = new InternetAddress(n.address(), true);
        } catch (AddressException e) {
            return new SendOutcome.Failed(false, "not an email address (" + e.getMessage() + "): fix the user's email"
                    + " contact method");
        }
        if (!n.isPage()) {
            // a code, a test page or an invitation: plain text, about no incident, with nothing to answer
            return send(to, PersonalText.subject(n), false, (helper, message) -> helper.setText(PersonalText.of(n)));
        }
        EmailPage page = page(n);
        EmailTemplates.Rendered body = templates.render(page);
        return send(to, page.subject(), true, (helper, message) -> {
            helper.setText(body.text(), body.html());
            // one thread per incident in mail clients
            message.setHeader("X-Tocsin-Incident", n.incidentId().toString());
            message.setHeader("References", "<incident." + n.incidentId() + "@tocsin>");
        });
    }

    /** Fills in a message's body and headers of its own. */
    @FunctionalInterface
    private interface Body {
        void write(MimeMessageHelper helper, MimeMessage message) throws MessagingException;
    }

    private SendOutcome send(InternetAddress to, String subject, boolean multipart, Body body) {
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, multipart, "UTF-8");
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setSentDate(Date.from(clock.instant()));
            body.write(helper, message);
            // no out-of-office replies to a pager (RFC 3834)
            message.setHeader("Auto-Submitted", "auto-generated");
            mail.send(message);
            return new SendOutcome.Sent(message.getMessageID());
        } catch (MailException e) {
            return SmtpFailures.of(e);
        } catch (MessagingException e) {
            return new SendOutcome.Failed(false, "the email could not be built: " + e.getMessage());
        }
    }

    private EmailPage page(NotificationRequested n) {
        if (n.contactMethodId() == null) {
            // nobody to act as: the email informs, acting is left to the other ways
            return EmailPage.of(n, null, null, null, notifier.incidentUrl(n).orElse(null));
        }
        Instant expires = links.expiryFromNow();
        return EmailPage.of(n, link(n, LinkAction.ACKNOWLEDGE, expires), link(n, LinkAction.RESOLVE, expires),
                EXPIRY.format(expires), notifier.incidentUrl(n).orElse(null));
    }

    /** The public address of the link's page: {@code <TOCSIN_PUBLIC_URL>/ack/<token>}. */
    private String link(NotificationRequested n, LinkAction action, Instant expires) {
        return notifier.url(EmailLinks.PATH_PREFIX + links.issue(n.incidentId(), n.contactMethodId(), action, expires));
    }
}
