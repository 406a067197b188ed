package io.tocsin.routing.auth;

import io.tocsin.routing.SqlTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Failed password sign-ins, counted per account and per address over a window in the database, so that guessing is
 * slowed down whichever routing instance the guesses reach.
 */
@Repository
class SignInAttempts {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SignInProperties properties;

    SignInAttempts(JdbcClient jdbc, Clock clock, SignInProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** Whether this account or this address has failed too often within the window to try now. */
    boolean blocked(String email, String address) {
        Instant since = clock.instant().minus(properties.failureWindow());
        return failures(account(email), since) >= properties.failuresPerAccount()
                || failures("address:" + address, since) >= properties.failuresPerAddress();
    }

    void failed(String email, String address) {
        Instant now = clock.instant();
        jdbc.sql("delete from sign_in_failure where at <= :before")
                .param("before", SqlTime.of(now.minus(properties.failureWindow())))
                .update();
        for (String key : new String[] {account(email), "address:" + address}) {
            jdbc.sql("insert into sign_in_failure (key, at) values (:key, :at)")
                    .param("key", key)
                    .param("at", SqlTime.of(now))
                    .update();
        }
    }

    /** A success clears the account's count: the person who knows the password is not locked out by earlier typos. */
    void succeeded(String email) {
        jdbc.sql("delete from sign_in_failure where key = :key").param("key", account(email)).update();
    }

    private int failures(String key, Instant since) {
        return jdbc.sql("select count(*) from sign_in_failure where key = :key and at > :since")
                .param("key", key)
                .param("since", SqlTime.of(since))
                .query(Integer.class)
                .single();
    }

    private static String account(String email) {
        return "account:" + email.strip().toLowerCase(Locale.ROOT);
    }
}
