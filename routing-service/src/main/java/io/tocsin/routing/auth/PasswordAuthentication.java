package io.tocsin.routing.auth;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/** Checks a person's email address and password against the hash Spring Security's PasswordEncoder made of it. */
@Component
class PasswordAuthentication implements AuthenticationProvider {

    private final Accounts accounts;
    private final PasswordEncoder encoder;
    /** Compared against when nobody has the address, so that the answer takes as long as for a wrong password. */
    private final SingletonSupplier<String> decoy;

    PasswordAuthentication(Accounts accounts, PasswordEncoder encoder) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.decoy = SingletonSupplier.of(() -> encoder.encode("not anyone's password"));
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        List<Accounts.Account> candidates = accounts.byEmail(email).stream()
                .filter(account -> account.passwordHash() != null).toList();
        if (candidates.size() != 1) {
            encoder.matches(password, decoy.obtain());
            throw new BadCredentialsException("no single account with a password has this address");
        }
        Accounts.Account account = candidates.getFirst();
        if (!encoder.matches(password, account.passwordHash())) {
            throw new BadCredentialsException("wrong password");
        }
        return new SignedIn(account.caller());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
