package io.tocsin.notifier.delivery;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
     * Whether a new page for this key must wait: the window is full, or pages are already waiting (they go first,
     * and it joins their bundle). Call in the transaction that stores the page.
     */
    boolean mustHold(String key, Channel channel, Instant now) {
        if (key == null) {
            return false;
        }
        lock(key);
        boolean waiting = jdbc.sql("""
                        select exists (select 1 from notification
                                       where throttle_key = :key and status = 'HELD' and bundled_into is null)
                        """)
                .param("key", key)
                .query(Boolean.class)
                .single();
        return waiting || !roomFor(key, channel, now);
    }

    /** Whether the window allows one more message now; locks the key for the rest of the transaction. */
    boolean allows(String key, Channel channel, Instant now) {
        lock(key);
        return roomFor(key, channel, now);
    }

    /** The channel's limit and window, for the page's timeline. */
    String describe(Channel channel) {
        return properties.limit(channel).orElse(0) + " " + channel + " per " + Words.duration(properties.window());
    }

    private boolean roomFor(String key, Channel channel, Instant now) {
        OptionalInt limit = properties.limit(channel);
        if (limit.isEmpty()) {
            return true;
        }
        // a retry takes no new slot: sent_at is the time of the first attempt; a page that failed for good reached nobody
        int used = jdbc.sql("""
                        select count(*) from notification
                        where throttle_key = :key and bundled_into is null and sent_at > :since
                          and status in ('SENDING', 'RETRYING', 'SENT', 'DELIVERED')
                        """)
                .param("key", key)
                .param("since", OffsetDateTime.ofInstant(now.minus(properties.window()), ZoneOffset.UTC))
                .query(Integer.class)
                .single();
        return used < limit.getAsInt();
    }

    private void lock(String key) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(:key))").param("key", key).query((rs, row) -> 1).list();
    }
}
