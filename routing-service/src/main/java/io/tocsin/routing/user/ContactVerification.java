package io.tocsin.routing.user;

import io.tocsin.contracts.NotificationRequested.Purpose;
import io.tocsin.contracts.SecretHash;
import io.tocsin.routing.SqlTime;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Verifies that a phone number or email address is its user's, as GoAlert does: a 6-digit code is sent to it and must
 * be typed back within 15 minutes, in at most 5 tries. Only the code's hash is kept (salted with the method's id); a
 * new code replaces the one before.
 */
@Component
class ContactVerification {

    private static final Logger log = LoggerFactory.getLogger(ContactVerification.class);
    static final Duration LIFETIME = Duration.ofMinutes(15);
    static final int TRIES = 5;

    private final JdbcClient jdbc;
    private final Users users;
    private final PersonalMessages messages;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ContactVerification(JdbcClient jdbc, Users users, PersonalMessages messages, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.messages = messages;
        this.clock = clock;
    }

    /** Sends a new code to the method (within the sending limits); the one before stops working. */
    void sendCode(User user, ContactMethod method) {
        if (method.verified()) {
            throw new MessageRefused(HttpStatus.CONFLICT, "This contact method is verified already: it is paged.");
        }
        Instant now = clock.instant();
        messages.checkLimit(method, now);
        String code = "%06d".formatted(random.nextInt(1_000_000));
        jdbc.sql("""
                        insert into contact_verification (contact_method_id, code_hash, expires_at, tries)
                        values (:method, :hash, :expires, 0)
                        on conflict (contact_method_id) do update set code_hash = excluded.code_hash,
                            expires_at = excluded.expires_at, tries = 0
                        """)
                .param("method", method.id())
                .param("hash", hash(method, code))
                .param("expires", SqlTime.of(now.plus(LIFETIME)))
                .update();
        messages.send(user, method, Purpose.VERIFICATION, code);
    }

    /**
     * Checks the code typed for the method: verified if it is the last one sent and still valid. A wrong code counts
     * a try (400), an expired one is 410, and past 5 tries the code is void (429): ask for a new one.
     */
    ContactMethod verify(ContactMethod method, String code) {
        if (method.verified()) {
            return method;
        }
        record Pending(String codeHash, Instant expiresAt, int tries) {
        }
        Optional<Pending> pending = jdbc.sql("""
                        select code_hash, expires_at, tries from contact_verification
                        where contact_method_id = :method for update
                        """)
                .param("method", method.id())
                .query((rs, n) -> new Pending(rs.getString("code_hash"), SqlTime.instant(rs, "expires_at"),
                        rs.getInt("tries")))
                .optional();
        if (pending.isEmpty()) {
            throw new MessageRefused(HttpStatus.BAD_REQUEST, "No code was sent to this contact method, or it was"
                    + " replaced: ask for one with POST …/verification-code.");
        }
        Instant now = clock.instant();
        if (!pending.get().expiresAt().isAfter(now)) {
            throw new MessageRefused(HttpStatus.GONE, "The code expired (codes work for " + LIFETIME.toMinutes()
                    + " minutes): ask for a new one with POST …/verification-code.");
        }
        if (pending.get().tries() >= TRIES) {
            throw MessageRefused.tooMany("Too many wrong codes: this one no longer works. Ask for a new one with"
                    + " POST …/verification-code.", Duration.between(now, pending.get().expiresAt()));
        }
        if (!pending.get().codeHash().equals(hash(method, code == null ? "" : code.strip()))) {
            jdbc.sql("update contact_verification set tries = tries + 1 where contact_method_id = :method")
                    .param("method", method.id())
                    .update();
            int left = TRIES - pending.get().tries() - 1;
            log.info("contact_method={} wrong verification code, tries left={}", method.id(), left);
            throw new MessageRefused(HttpStatus.BAD_REQUEST, "That is not the code sent to this contact method: "
                    + (left > 0 ? left + " tries left." : "no tries left, ask for a new code."));
        }
        jdbc.sql("delete from contact_verification where contact_method_id = :method")
                .param("method", method.id())
                .update();
        log.info("contact_method={} verified", method.id());
        return users.verified(method);
    }

    private static String hash(ContactMethod method, String code) {
        return SecretHash.of(method.id() + ":" + code);
    }
}
