package io.tocsin.notifier.delivery;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps a contact method from getting more than its channel's limit of messages per window. The limit is counted
 * over the messages that went to the provider in the last window (a bundle is one message), across all notifier
 * instances: each decision holds a transaction-scoped advisory lock on the contact method.
 */
@Component
class Throttle {

    private final ThrottleProperties properties;
    private final JdbcClient jdbc;

    Throttle(ThrottleProperties properties, JdbcClient jdbc) {
        this.properties = properties;
        this.jdbc = jdbc;
    }

    /** Which count the page falls under: its contact method (or channel and address); null if not throttled. */
    String key(NotificationRequested n) {
        if (properties.limit(n.channel()).isEmpty()) {
            return null;
        }
        return n.contactMethodId() != null ? n.contactMethodId().toString() : n.channel() + ":" + n.address();
    }

    /**
     * What the window of each key of a relation {@code throttled(key)} holds, for a statement to decide in: whether
     * pages are held ({@code waiting}) and the messages it counts ({@code used}) since {@code :since}. A retry takes
     * no new slot: sent_at is the time of the first attempt; a page that failed for good reached nobody. Read in a
     * statement after the keys' {@link #lock}: its snapshot then sees what the lock holders committed.
     */
    static final String WINDOWS = """
            select key,
                   exists (select 1 from notification
                           where throttle_key = key and status = 'HELD' and bundled_into is null) as waiting,
                   (select count(*) from notification
                    where throttle_key = key and bundled_into is null and sent_at > :since
                      and status in ('SENDING', 'RETRYING', 'SENT', 'DELIVERED')) as used
            from throttled
            """;

    /**
     * Locks these keys' windows (null ones are not throttled) for the rest of the transaction, in a statement of its
     * own, before the statement deciding in them ({@link #WINDOWS}) and storing what it decided.
     */
    void lock(Collection<String> keys) {
        List<String> sorted = keys.stream().filter(Objects::nonNull).distinct().sorted().toList();
        if (!sorted.isEmpty()) {
            // in one order in every transaction, so two polls sharing contact methods cannot deadlock
            jdbc.sql("select pg_advisory_xact_lock(hashtext(key)) from unnest(array[:keys]) as key")
                    .param("keys", sorted)
                    .query((rs, row) -> 1)
                    .list();
        }
    }

    /** The start of the window that counts now. */
    OffsetDateTime since(Instant now) {
        return OffsetDateTime.ofInstant(now.minus(properties.window()), ZoneOffset.UTC);
    }

    /** The channel's limit per window, if it has one. */
    OptionalInt limit(Channel channel) {
        return properties.limit(channel);
    }

    /** Whether the window allows one more message now; locks the key for the rest of the transaction. */
    boolean allows(String key, Channel channel, Instant now) {
        lock(List.of(key));
        long used = jdbc.sql("with throttled as (select cast(:key as text) as key) " + WINDOWS)
                .param("key", key)
                .param("since", since(now))
                .query((rs, row) -> rs.getLong("used"))
                .single();
        OptionalInt limit = properties.limit(channel);
        return limit.isEmpty() || used < limit.getAsInt();
    }

    /** The channel's limit and window, for the page's timeline. */
    String describe(Channel channel) {
        return properties.limit(channel).orElse(0) + " " + channel + " per " + Words.duration(properties.window());
    }
}
