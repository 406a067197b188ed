package io.tocsin.routing.schedule;

import io.tocsin.contracts.SecretHash;
import io.tocsin.routing.SqlTime;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Calendar feeds: secret tokens, stored hashed, each showing one schedule's or one user's shifts. */
@Repository
class CalendarFeeds {

    /** Whose shifts a feed shows: exactly one of the two is set. */
    record Feed(UUID scheduleId, UUID userId) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    CalendarFeeds(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new token for the feed, revoking any earlier one; the token itself is not kept. */
    @Transactional
    String replace(Feed feed) {
        revoke(feed);
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
    boolean revoke(Feed feed) {
        return jdbc.sql("delete from calendar_feed where schedule_id = :schedule or user_id = :user")
                .param("schedule", feed.scheduleId())
                .param("user", feed.userId())
                .update() > 0;
    }

    Optional<Feed> find(String token) {
        return jdbc.sql("select schedule_id, user_id from calendar_feed where token_hash = :hash")
                .param("hash", SecretHash.of(token))
                .query(Feed.class)
                .optional();
    }
}
