package io.tocsin.notifier.delivery;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
     * The windows of these keys (null ones are not throttled), locked for the rest of the transaction, in which the
     * caller decides for each of a poll's new pages, in order, whether it is held ({@link Windows#mustHold}) and then
     * stores them. Two statements whatever the number of keys: the locks, then every key's count.
     */
    Windows windows(Collection<String> keys, Instant now) {
        List<String> sorted = keys.stream().filter(Objects::nonNull).distinct().sorted().toList();
        Map<String, Window> windows = new HashMap<>();
        if (!sorted.isEmpty()) {
            // in one order in every transaction, so two polls sharing contact methods cannot deadlock
            jdbc.sql("select pg_advisory_xact_lock(hashtext(key)) from unnest(array[:keys]) as key")
                    .param("keys", sorted)
                    .query((rs, row) -> 1)
                    .list();
            // read after the locks, in a statement of its own: its snapshot then sees what the lock holders committed.
            // A retry takes no new slot: sent_at is the time of the first attempt; a page that failed for good reached
            // nobody
            jdbc.sql("""
                            select key,
                                   exists (select 1 from notification
                                           where throttle_key = key and status = 'HELD' and bundled_into is null)
                                       as waiting,
                                   (select count(*) from notification
                                    where throttle_key = key and bundled_into is null and sent_at > :since
                                      and status in ('SENDING', 'RETRYING', 'SENT', 'DELIVERED')) as used
                            from unnest(array[:keys]) as key
                            """)
                    .param("keys", sorted)
                    .param("since", OffsetDateTime.ofInstant(now.minus(properties.window()), ZoneOffset.UTC))
                    .query((rs, row) -> windows.put(rs.getString("key"),
                            new Window(rs.getBoolean("waiting"), rs.getInt("used"))))
                    .list();
        }
        return new Windows(windows);
    }

    /** Whether the window allows one more message now; locks the key for the rest of the transaction. */
    boolean allows(String key, Channel channel, Instant now) {
        return windows(List.of(key), now).roomFor(key, channel);
    }

    /** A key's window as a poll's pages fill it: whether pages are held, and the messages it counts. */
    private static final class Window {

        private boolean waiting;
        private int used;

        Window(boolean waiting, int used) {
            this.waiting = waiting;
            this.used = used;
        }
    }

    /** The locked windows of a transaction's keys. */
    final class Windows {

        private final Map<String, Window> windows;

        private Windows(Map<String, Window> windows) {
            this.windows = windows;
        }

        /**
         * Whether a new page for this key must wait: the window is full, or pages are already waiting (they go
         * first, and it joins their bundle). The window then counts the page as it is stored next: held, or one more
         * message.
         */
        boolean mustHold(String key, Channel channel) {
            if (key == null) {
                return false;
            }
            Window window = windows.get(key);
            if (window.waiting || !roomFor(key, channel)) {
                window.waiting = true;
                return true;
            }
            window.used++;
            return false;
        }

        private boolean roomFor(String key, Channel channel) {
            OptionalInt limit = properties.limit(channel);
            return limit.isEmpty() || windows.get(key).used < limit.getAsInt();
        }
    }

    /** The channel's limit and window, for the page's timeline. */
    String describe(Channel channel) {
        return properties.limit(channel).orElse(0) + " " + channel + " per " + Words.duration(properties.window());
    }
}
