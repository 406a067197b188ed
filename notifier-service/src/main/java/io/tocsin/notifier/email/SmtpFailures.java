package io.tocsin.notifier.email;

import io.tocsin.notifier.delivery.SendOutcome;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

/**
 * What an SMTP failure means for a page: the server's reply code decides where it gave one (4xx: try again later,
 * 5xx: it will not take this mail, e.g. 550 no such recipient); a server out of reach or a dropped connection is
 * temporary; a refused login or a malformed address is permanent, with what an admin can do about it.
 */
final class SmtpFailures {

    private SmtpFailures() {
    }

    static SendOutcome.Failed of(MailException e) {
        if (e instanceof MailAuthenticationException) {
            return new SendOutcome.Failed(false, "the SMTP server refused the login: check TOCSIN_SMTP_USERNAME and"
                    + " TOCSIN_SMTP_PASSWORD (" + e.getMostSpecificCause().getMessage() + ")");
        }
        if (e instanceof MailParseException || e instanceof MailPreparationException) {
            return new SendOutcome.Failed(false, "the email could not be built: " + e.getMessage());
        }
        List<Throwable> causes = causes(e);
        for (Throwable cause : causes) {
            int code = replyCode(cause);
            if (code >= 400) {
                boolean temporary = code < 500;
                return new SendOutcome.Failed(temporary, "the SMTP server answered " + reply(cause)
                        + (temporary ? " (try again later)" : hint(cause)));
            }
        }
        for (Throwable cause : causes) {
            if (cause instanceof AddressException) {
                return new SendOutcome.Failed(false, "not an email address: " + cause.getMessage());
            }
        }
        for (Throwable cause : causes) {
            if (cause instanceof IOException) {
                return new SendOutcome.Failed(true, "SMTP server unreachable: " + cause.getClass().getSimpleName()
                        + ": " + cause.getMessage());
            }
        }
        // a failure without a reply code or a network cause: the server's trouble as far as can be told; try again
        return new SendOutcome.Failed(true, "sending the email failed: " + e.getMostSpecificCause().getMessage());
    }

    private static int replyCode(Throwable cause) {
        return switch (cause) {
            case SMTPAddressFailedException refused -> refused.getReturnCode();
            case SMTPSenderFailedException refused -> refused.getReturnCode();
            case SMTPSendFailedException refused -> refused.getReturnCode();
            default -> -1;
        };
    }

    /** The server's reply as it gave it, e.g. "550 5.1.1 <x@example.org>: Recipient address rejected". */
    private static String reply(Throwable cause) {
        String message = cause.getMessage() == null ? "" : cause.getMessage().strip();
        return message.isEmpty() ? String.valueOf(replyCode(cause)) : message;
    }

    private static String hint(Throwable cause) {
        return cause instanceof SMTPAddressFailedException
                ? ": the recipient is refused for good; fix the user's email contact method"
                : ": the server will not take this mail; check TOCSIN_MAIL_FROM and the server's rules";
    }

    /**
     * Every exception behind the failure: Spring's MailSendException keeps one per message, Jakarta Mail chains
     * refusals per recipient through {@link MessagingException#getNextException()}.
     */
    private static List<Throwable> causes(MailException e) {
        List<Throwable> pending = new ArrayList<>();
        pending.add(e);
        if (e instanceof MailSendException send) {
            Collections.addAll(pending, send.getMessageExceptions());
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> causes = new ArrayList<>();
        while (!pending.isEmpty()) {
            Throwable next = pending.removeFirst();
            if (next == null || !seen.add(next)) {
                continue;
            }
            causes.add(next);
            pending.add(next.getCause());
            if (next instanceof MessagingException messaging) {
                pending.add(messaging.getNextException());
            }
        }
        return causes;
    }
}
