package io.tocsin.routing.schedule;

import io.tocsin.contracts.SecretHash;
import io.tocsin.routing.SqlTime;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Calendar feeds: secret tokens, stored hashed, each showing one schedule's or one user's shifts; made and revoked
 * through the admin API, and by a person for themselves on their own console page.
 */
@Repository
public class CalendarFeeds {

    private static final Logger log = LoggerFactory.getLogger(CalendarFeeds.class);

    /** Whose shifts a feed shows: exactly one of the two is set. */
    public record Feed(UUID scheduleId, UUID userId) {

        public static Feed ofUser(UUID userId) {
            return new Feed(null, userId);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    CalendarFeeds(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A new URL for the feed, at the address the current request came to, revoking any earlier one. It is shown this
     * once: only its token's hash is kept.
     */
    @Transactional
    public URI make(Feed feed) {
        String token = replace(feed);
        log.info("calendar feed made schedule={} user={}", feed.scheduleId(), feed.userId());
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/feeds/{token}.ics").build(token);
    }

    /** A new token for the feed, revoking any earlier one; the token itself is not kept. */
    private String replace(Feed feed) {
        delete(feed);
        String token = SecretHash.generate();
        jdbc.sql("""
                        insert into calendar_feed (token_hash, schedule_id, user_id, created_at)
                        values (:hash, :schedule, :user, :now)
                        """)
                .param("hash", SecretHash.of(token))
                .param("schedule", feed.scheduleId())
                .param("user", feed.userId())
                .param("now", SqlTime.of(clock.instant()))
                .update();
        return token;
    }

    /** False if there was no feed. */
    public boolean revoke(Feed feed) {
        boolean revoked = delete(feed);
        if (revoked) {
            log.info("calendar feed revoked schedule={} user={}", feed.scheduleId(), feed.userId());
        }
        return revoked;
    }

    private boolean delete(Feed feed) {
        return jdbc.sql("delete from calendar_feed where schedule_id = :schedule or user_id = :user")
                .param("schedule", feed.scheduleId())
                .param("user", feed.userId())
                .update() > 0;
    }

    /** When the feed's current URL was made; empty if it has none. */
    public Optional<Instant> madeAt(Feed feed) {
        return jdbc.sql("select created_at from calendar_feed where schedule_id = :schedule or user_id = :user")
                .param("schedule", feed.scheduleId())
                .param("user", feed.userId())
                .query((rs, n) -> SqlTime.instant(rs, "created_at"))
                .optional();
    }

    Optional<Feed> find(String token) {
        return jdbc.sql("select schedule_id, user_id from calendar_feed where token_hash = :hash")
                .param("hash", SecretHash.of(token))
                .query(Feed.class)
                .optional();
    }
}
