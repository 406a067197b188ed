package io.tocsin.notifier.delivery;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import java.io.PrintStream;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Prints one line per page on standard output: the console channel itself, and the stand-in for
 * any channel that is not configured here (it says what would have been sent, and to whom).
 */
@Component
public class ConsoleSender implements ChannelSender {

    @Override
    public Channel channel() {
        return Channel.CONSOLE;
    }

    @Override
    public SendOutcome send(NotificationRequested n) {
        String how = n.channel() == Channel.CONSOLE
                ? "to " + recipient(n)
                : n.channel() + " (channel not configured, not sent) to " + recipient(n);
        PrintStream out = System.out;
        // an invitation's link signs in as its person: never in a log (the admin API's answer holds it)
        String text = n.purpose() == NotificationRequested.Purpose.INVITATION
                ? "an invitation to sign in to Tocsin (its link is not printed)" : PageText.of(n);
        out.println("[tocsin page] " + how + ": " + text);
        out.flush();
        return new SendOutcome.Sent("console-" + UUID.randomUUID());
    }

    /** The person paged, with the masked address for a channel the console stands in for; or the channel paged. */
    private static String recipient(NotificationRequested n) {
        if (n.userName() == null) {
            // an escalation level's Slack channel: nobody in particular, and a channel ID is no secret
            return n.channel() == Channel.SLACK ? "Slack channel " + n.address() : Redact.address(n.address());
        }
        return n.channel() == Channel.CONSOLE ? n.userName() : n.userName() + " at " + Redact.address(n.address());
    }
}
