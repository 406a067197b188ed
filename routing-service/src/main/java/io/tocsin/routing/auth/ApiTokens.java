package io.tocsin.routing.auth;

import io.tocsin.contracts.SecretHash;
import io.tocsin.routing.SqlTime;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Bearer tokens for the admin API; only their hashes are stored. */
@Repository
public class ApiTokens {

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The name of the token, if it is a valid one. */
    Optional<String> nameOf(String token) {
        return jdbc.sql("select name from api_token where token_hash = :hash")
                .param("hash", SecretHash.of(token))
                .query(String.class)
                .optional();
    }

    boolean any() {
        return jdbc.sql("select exists (select 1 from api_token)").query(Boolean.class).single();
    }

    /** Stores the token's hash unless that token exists already; true if it was added. */
    boolean add(String name, String token) {
        return jdbc.sql("""
                        insert into api_token (id, name, token_hash, created_at) values (:id, :name, :hash, :now)
                        on conflict (token_hash) do nothing
                        """)
                .param("id", UUID.randomUUID())
                .param("name", name)
                .param("hash", SecretHash.of(token))
                .param("now", SqlTime.of(clock.instant()))
                .update() == 1;
    }
}
