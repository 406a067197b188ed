package io.tocsin.testkit;

import java.time.Duration;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

/** A local SMTP server (GreenMail) that accepts any login and keeps every mail it receives. */
public final class FakeSmtp implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final GreenMail greenMail;

    public FakeSmtp() {
        greenMail = new GreenMail(new ServerSetup(0, HOST, ServerSetup.PROTOCOL_SMTP))
                // Services may be configured with any username and password; the fake should not care.
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** Mails received so far, one per recipient (a mail to two addresses appears twice). */
    public MimeMessage[] receivedMessages() {
        return greenMail.getReceivedMessages();
    }

    /** Waits until at least {@code count} mails (counted per recipient) have arrived, and returns all received. */
    public MimeMessage[] awaitMessages(int count, Duration timeout) {
        if (!greenMail.waitForIncomingEmail(timeout.toMillis(), count)) {
            throw new AssertionError("Expected " + count + " mail(s) within " + timeout + " but received "
                    + receivedMessages().length);
        }
        return receivedMessages();
    }

    /** Deletes all received mail. */
    public void reset() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        }
        catch (FolderException e) {
            throw new IllegalStateException("Could not purge the fake SMTP server's mailboxes", e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
