package io.tocsin.routing.auth;

import io.tocsin.contracts.SecretHash;
import io.tocsin.routing.SqlTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One-time sign-in links: an invitation, or the demo admin's first sign-in. The link carries a random secret of which
 * only the hash is kept; it works once, before it expires.
 */
@Repository
public class SignInLinks {

    /** The page a link opens; its secret follows as {@code ?token=}. */
    public static final String PATH = "/ui/sign-in/link";

    /** A new link's secret (shown once) and when it stops working. */
    public record Issued(String token, Instant expiresAt) {

        public String path() {
            return PATH + "?token=" + token;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    SignInLinks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A link for the user, dropping expired ones on the way (links are rare: no sweeper needed). */
    public Issued issue(UUID userId, Duration lifetime) {
        Instant now = clock.instant();
        jdbc.sql("delete from sign_in_link where expires_at <= :now").param("now", SqlTime.of(now)).update();
        Issued issued = new Issued(SecretHash.generate(), now.plus(lifetime));
        jdbc.sql("insert into sign_in_link (token_hash, user_id, expires_at) values (:hash, :user, :expires)")
                .param("hash", SecretHash.of(issued.token()))
                .param("user", userId)
                .param("expires", SqlTime.of(issued.expiresAt()))
                .update();
        return issued;
    }

    /** The user the link is for, if it is still valid; it stays valid until {@link #redeem}. */
    Optional<UUID> peek(String token) {
        return jdbc.sql("select user_id from sign_in_link where token_hash = :hash and expires_at > :now")
                .param("hash", SecretHash.of(token))
                .param("now", SqlTime.of(clock.instant()))
                .query(UUID.class)
                .optional();
    }

    /** The user the link is for, if it is still valid; it is used up. */
    Optional<UUID> redeem(String token) {
        return jdbc.sql("delete from sign_in_link where token_hash = :hash and expires_at > :now returning user_id")
                .param("hash", SecretHash.of(token))
                .param("now", SqlTime.of(clock.instant()))
                .query(UUID.class)
                .optional();
    }
}
