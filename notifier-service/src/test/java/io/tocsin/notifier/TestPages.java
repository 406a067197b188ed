package io.tocsin.notifier;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Urgency;
import java.time.Instant;
import io.tocsin.notifier.directory.Contact;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Notification requests as routing sends them: to a user's contact method, or to a Slack channel. */
public final class TestPages {

    private TestPages() {
    }

    private static final AtomicLong NUMBERS = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000, 1_000_000_000));
    /** Above the fixed numbers tests use (+1201555 0101…0177): drawn at random, two tests shared one now and then. */
    private static final AtomicLong PHONES = new AtomicLong(1_000);

    /** A US phone number no other test of this JVM is given: a contact's SMS history is its own. */
    public static String newPhoneNumber() {
        return "+1201555" + PHONES.getAndIncrement();
    }

    /** A number no other test of this JVM is given, under this country prefix ("+44"). */
    public static String newPhoneNumber(String prefix) {
        return prefix + "7700" + (900_000 + PHONES.getAndIncrement());
    }

    /** A critical page for the user Hedy of the service Search, through one of her contact methods. */
    public static NotificationRequested toUser(Channel channel, String address, String summary) {
        return toUser(channel, address, summary, UUID.randomUUID());
    }

    /** A critical page of this incident for the user Hedy, as routing sends each person an incident pages. */
    public static NotificationRequested toUser(Channel channel, String address, String summary, UUID incidentId) {
        return new NotificationRequested(UUID.randomUUID(), NotificationRequested.SCHEMA_VERSION, incidentId,
                UUID.randomUUID(), "Hedy", UUID.randomUUID(), channel, address, "Search", summary, Severity.CRITICAL,
                Urgency.HIGH, Instant.now(), NUMBERS.incrementAndGet(), "search-1", null);
    }

    /** A critical page of the service Search to this contact method: the page routing would send its user. */
    public static NotificationRequested toContact(Contact contact, String summary) {
        return toContact(contact, summary, UUID.randomUUID());
    }

    /** A critical page of this incident of the service Search to this contact method. */
    public static NotificationRequested toContact(Contact contact, String summary, UUID incidentId) {
        return new NotificationRequested(UUID.randomUUID(), NotificationRequested.SCHEMA_VERSION, incidentId,
                contact.userId(), contact.userName(), contact.id(), contact.channel(), contact.address(), "Search",
                summary, Severity.CRITICAL, Urgency.HIGH, Instant.now(), NUMBERS.incrementAndGet(), "search-1",
                null);
    }

    /** A critical page of the service Search to the Slack channel an escalation level targets: no user. */
    public static NotificationRequested toSlackChannel(String channelId, String summary) {
        return new NotificationRequested(UUID.randomUUID(), NotificationRequested.SCHEMA_VERSION, UUID.randomUUID(),
                null, null, null, Channel.SLACK, channelId, "Search", summary, Severity.CRITICAL, Urgency.HIGH,
                Instant.now(), NUMBERS.incrementAndGet(), "search-1", null);
    }
}
