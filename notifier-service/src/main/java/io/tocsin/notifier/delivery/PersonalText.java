package io.tocsin.notifier.delivery;

import io.tocsin.contracts.NotificationRequested;
import java.util.stream.Collectors;

/**
 * The words of a message to a person about their own setup (not a page): a verification code, a test page, an
 * invitation. It names no incident and asks for no answer.
 */
public final class PersonalText {

    private PersonalText() {
    }

    /** "Your Tocsin verification code is 123456", short enough for one SMS segment. */
    public static String of(NotificationRequested n) {
        return switch (n.purpose()) {
            case VERIFICATION -> "Your Tocsin verification code is " + n.code()
                    + ". It confirms this contact method for paging; ignore it if you did not ask for it.";
            case TEST -> "Test page from Tocsin" + (n.userName() == null ? "" : " for " + n.userName())
                    + ": this contact method works. Nothing to do.";
            case INVITATION -> "You are invited to sign in to Tocsin" + (n.userName() == null ? "" : " as "
                    + n.userName()) + ". Choose your password here: " + n.link();
            case PAGE -> throw new IllegalArgumentException("a page is worded by PageText");
        };
    }

    /** The email subject of the message. */
    public static String subject(NotificationRequested n) {
        return switch (n.purpose()) {
            case VERIFICATION -> "Your Tocsin verification code";
            case TEST -> "Test page from Tocsin";
            case INVITATION -> "Your invitation to Tocsin";
            case PAGE -> throw new IllegalArgumentException("a page is worded by PageText");
        };
    }

    /** As a call says it: a code digit by digit, twice, so that it can be written down. */
    public static String spoken(NotificationRequested.Purpose purpose, String code) {
        return switch (purpose) {
            case VERIFICATION -> {
                String digits = code.chars().mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining(", "));
                yield "This is Tocsin. Your verification code is " + digits + ". Again: " + digits + ". Goodbye.";
            }
            case TEST -> "This is a test page from Tocsin. This phone number works. Nothing to do. Goodbye.";
            case INVITATION -> "This is Tocsin. Your invitation was sent by email. Goodbye.";
            case PAGE -> throw new IllegalArgumentException("a page is worded by the call script");
        };
    }
}
