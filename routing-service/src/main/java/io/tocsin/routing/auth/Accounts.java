package io.tocsin.routing.auth;

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

/** The people who sign in as themselves: each one's role, password hash and identity provider subject. */
@Repository
public class Accounts {

    private static final String SELECT = """
            select u.id, u.name, u.email, a.role, a.password_hash, a.oidc_subject
            from account a join app_user u on u.id = a.user_id
            """;

    /** A user who may sign in; {@code passwordHash} and {@code oidcSubject} are null until set. */
    record Account(UUID userId, String name, String email, Role role, String passwordHash, String oidcSubject) {

        Caller caller() {
            return new Caller(null, null, role, userId, name);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Accounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Account> find(UUID userId) {
        return jdbc.sql(SELECT + " where u.id = :id").param("id", userId).query(Accounts::map).optional();
    }

    /** The accounts of users with this email address (it is not unique among users: callers refuse two). */
    List<Account> byEmail(String email) {
        return jdbc.sql(SELECT + " where lower(u.email) = lower(:email)").param("email", email.strip())
                .query(Accounts::map).list();
    }

    Optional<Account> bySubject(String subject) {
        return jdbc.sql(SELECT + " where a.oidc_subject = :subject").param("subject", subject)
                .query(Accounts::map).optional();
    }

    /** The users (with or without an account) whose email address this is, whatever its case. */
    List<UUID> usersWithEmail(String email) {
        return jdbc.sql("select id from app_user where lower(email) = lower(:email)").param("email", email.strip())
                .query(UUID.class).list();
    }

    /** Some admins' names, for a person to know whom to ask. */
    List<String> adminNames() {
        return jdbc.sql(SELECT + " where a.role = 'ADMIN' order by u.name limit 5").query(Accounts::map).list()
                .stream().map(Account::name).toList();
    }

    /** Lets the user sign in with this role, or changes their role. */
    public void grant(UUID userId, Role role) {
        jdbc.sql("""
                        insert into account (user_id, role, updated_at) values (:id, :role, :now)
                        on conflict (user_id) do update set role = excluded.role, updated_at = excluded.updated_at
                        """)
                .param("id", userId)
                .param("role", role.name())
                .param("now", SqlTime.of(clock.instant()))
                .update();
    }

    void setPassword(UUID userId, String passwordHash) {
        jdbc.sql("update account set password_hash = :hash, updated_at = :now where user_id = :id")
                .param("id", userId)
                .param("hash", passwordHash)
                .param("now", SqlTime.of(clock.instant()))
                .update();
    }

    void linkSubject(UUID userId, String subject) {
        jdbc.sql("update account set oidc_subject = :subject, updated_at = :now where user_id = :id")
                .param("id", userId)
                .param("subject", subject)
                .param("now", SqlTime.of(clock.instant()))
                .update();
    }

    /** The user can no longer sign in (their sessions end with their next request). */
    boolean revoke(UUID userId) {
        return jdbc.sql("delete from account where user_id = :id").param("id", userId).update() == 1;
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("email"),
                Role.valueOf(rs.getString("role")), rs.getString("password_hash"), rs.getString("oidc_subject"));
    }
}
