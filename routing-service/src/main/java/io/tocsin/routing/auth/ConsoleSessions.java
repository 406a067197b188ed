package io.tocsin.routing.auth;

import io.tocsin.contracts.SecretHash;
import io.tocsin.routing.SqlTime;
import io.tocsin.routing.api.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Console sign-ins: each session acts as the API token that signed in, until it expires or the token is revoked. */
@Repository
class ConsoleSessions {

    /** A signed-in browser: who it acts as, and the token its forms must echo back (CSRF). */
    record Session(Caller caller, String csrfToken) {
    }

    /** A new session's secret id (for the cookie only) and its CSRF token. */
    record Started(String id, String csrfToken) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ConsoleProperties properties;

    ConsoleSessions(JdbcClient jdbc, Clock clock, ConsoleProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** Starts a session for the token, dropping expired ones on the way (sign-ins are rare: no sweeper needed). */
    Started start(UUID tokenId) {
        Instant now = clock.instant();
        jdbc.sql("delete from console_session where expires_at <= :now").param("now", SqlTime.of(now)).update();
        Started started = new Started(SecretHash.generate(), SecretHash.generate());
        jdbc.sql("""
                        insert into console_session (id_hash, token_id, csrf_token, created_at, expires_at)
                        values (:hash, :token, :csrf, :now, :expires)
                        """)
                .param("hash", SecretHash.of(started.id()))
                .param("token", tokenId)
                .param("csrf", started.csrfToken())
                .param("now", SqlTime.of(now))
                .param("expires", SqlTime.of(now.plus(properties.sessionLifetime())))
                .update();
        return started;
    }

    /** The session with this id, if it has not expired and its token still exists. */
    Optional<Session> find(String id) {
        return jdbc.sql("""
                        select t.id, t.name, t.role, t.user_id, u.name as user_name, s.csrf_token
                        from console_session s
                        join api_token t on t.id = s.token_id
                        left join app_user u on u.id = t.user_id
                        where s.id_hash = :hash and s.expires_at > :now
                        """)
                .param("hash", SecretHash.of(id))
                .param("now", SqlTime.of(clock.instant()))
                .query((rs, n) -> new Session(ApiTokens.caller(rs), rs.getString("csrf_token")))
                .optional();
    }

    void end(String id) {
        jdbc.sql("delete from console_session where id_hash = :hash").param("hash", SecretHash.of(id)).update();
    }
}
