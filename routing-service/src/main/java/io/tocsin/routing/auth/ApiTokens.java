package io.tocsin.routing.auth;

import io.tocsin.contracts.SecretHash;
import io.tocsin.routing.SqlTime;
import io.tocsin.routing.api.Caller;
import io.tocsin.routing.api.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Bearer tokens for the admin API, each with a role; only their hashes are stored. */
@Repository
public class ApiTokens {

    private static final String COLUMNS = "id, name, role, user_id, created_at, last_used_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Who the token belongs to, if it is a valid one; notes that it was used. */
    Optional<Caller> authenticate(String token) {
        return jdbc.sql("""
                        with used as (
                            update api_token set last_used_at = :now where token_hash = :hash
                            returning id, name, role, user_id)
                        select used.id, used.name, used.role, used.user_id, u.name as user_name
                        from used left join app_user u on u.id = used.user_id
                        """)
                .param("hash", SecretHash.of(token))
                .param("now", SqlTime.of(clock.instant()))
                .query((rs, n) -> caller(rs))
                .optional();
    }

    /** Who the token with this id acts as now (its user may have been renamed), unless it was revoked. */
    Optional<Caller> caller(UUID tokenId) {
        return jdbc.sql("""
                        select t.id, t.name, t.role, t.user_id, u.name as user_name
                        from api_token t left join app_user u on u.id = t.user_id
                        where t.id = :id
                        """)
                .param("id", tokenId)
                .query((rs, n) -> caller(rs))
                .optional();
    }

    /** The caller from a row of a token's id, name, role and user_id joined with its user's name (user_name). */
    static Caller caller(ResultSet rs) throws SQLException {
        return new Caller(rs.getObject("id", UUID.class), rs.getString("name"), Role.valueOf(rs.getString("role")),
                rs.getObject("user_id", UUID.class), rs.getString("user_name"));
    }

    boolean any() {
        return jdbc.sql("select exists (select 1 from api_token)").query(Boolean.class).single();
    }

    /** Stores an admin token's hash unless that token exists already; true if it was added. */
    boolean add(String name, String token) {
        return jdbc.sql("""
                        insert into api_token (id, name, token_hash, role, created_at)
                        values (:id, :name, :hash, 'ADMIN', :now)
                        on conflict (token_hash) do nothing
                        """)
                .param("id", UUID.randomUUID())
                .param("name", name)
                .param("hash", SecretHash.of(token))
                .param("now", SqlTime.of(clock.instant()))
                .update() == 1;
    }

    /** Stores a new token's hash; the caller shows the token once. */
    ApiToken create(String name, Role role, UUID userId, String token) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into api_token (id, name, token_hash, role, user_id, created_at)
                        values (:id, :name, :hash, :role, :user, :now)
                        """)
                .param("id", id)
                .param("name", name)
                .param("hash", SecretHash.of(token))
                .param("role", role.name())
                .param("user", userId)
                .param("now", SqlTime.of(clock.instant()))
                .update();
        return find(id).orElseThrow();
    }

    Optional<ApiToken> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from api_token where id = :id")
                .param("id", id)
                .query(ApiTokens::map)
                .optional();
    }

    List<ApiToken> list() {
        return jdbc.sql("select " + COLUMNS + " from api_token order by created_at, id").query(ApiTokens::map).list();
    }

    /** Revokes the token: it stops working with the next request. */
    boolean delete(UUID id) {
        return jdbc.sql("delete from api_token where id = :id").param("id", id).update() == 1;
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getObject("id", UUID.class), rs.getString("name"), Role.valueOf(rs.getString("role")),
                rs.getObject("user_id", UUID.class), SqlTime.instant(rs, "created_at"),
                SqlTime.instant(rs, "last_used_at"));
    }
}
