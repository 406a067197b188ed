package io.tocsin.routing.auth;

import io.tocsin.routing.api.InvalidRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What a password must be, and setting or changing one (only its hash is stored). */
@Component
public class Passwords {

    static final int MIN_LENGTH = 10;
    /** bcrypt reads no further than 72 bytes: a longer password would match on its first 72 alone. */
    static final int MAX_BYTES = 72;

    private final Accounts accounts;
    private final PasswordEncoder encoder;

    Passwords(Accounts accounts, PasswordEncoder encoder) {
        this.accounts = accounts;
        this.encoder = encoder;
    }

    /** The hash to store, if the password is long enough and not too long; else a 400 saying what it needs. */
    String hash(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new InvalidRequest("A password needs at least " + MIN_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidRequest("A password may have at most " + MAX_BYTES + " bytes (72 letters without accents).");
        }
        return encoder.encode(password);
    }

    /** A person changes their own password, giving the current one (if they have one: an SSO user may add one). */
    @Transactional
    public void change(UUID userId, String current, String next) {
        Accounts.Account account = accounts.find(userId)
                .orElseThrow(() -> new InvalidRequest("Only a person who signs in as themselves has a password."));
        if (account.passwordHash() != null && (current == null || !encoder.matches(current, account.passwordHash()))) {
            throw new InvalidRequest("The current password is not right.");
        }
        accounts.setPassword(userId, hash(next));
    }
}
