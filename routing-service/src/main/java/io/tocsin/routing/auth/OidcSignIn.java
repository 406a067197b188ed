package io.tocsin.routing.auth;

import io.tocsin.routing.api.Role;
import io.tocsin.routing.user.Users;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who a person the identity provider vouched for is in Tocsin: the user their subject was linked to, else the one
 * user with their verified email address (linked now), else a new RESPONDER with auto-create, else nobody: refused.
 * With a role claim, their role follows the claim at every sign-in.
 */
@Component
class OidcSignIn implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);

    private final OidcUserService provider = new OidcUserService();
    private final Accounts accounts;
    private final Users users;
    private final OidcProperties properties;
    private final TransactionTemplate tx;

    OidcSignIn(Accounts accounts, Users users, OidcProperties properties, TransactionTemplate tx) {
        this.accounts = accounts;
        this.users = users;
        this.properties = properties;
        this.tx = tx;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser person = provider.loadUser(request);
        tx.executeWithoutResult(status -> link(person));
        return person;
    }

    /** The Tocsin user of the person the identity provider vouched for, linked to their subject (see the class). */
    Accounts.Account link(OidcUser person) {
        Optional<Role> claimed = claimedRole(person);
        Optional<Accounts.Account> linked = accounts.bySubject(person.getSubject());
        if (linked.isPresent()) {
            claimed.filter(role -> role != linked.get().role()).ifPresent(role -> accounts.grant(linked.get().userId(), role));
            return accounts.find(linked.get().userId()).orElseThrow();
        }
        String email = person.getEmail();
        if (email == null || !Boolean.TRUE.equals(person.getEmailVerified())) {
            throw refused("Your identity provider did not confirm an email address for you, which is how Tocsin"
                    + " recognizes people. " + whomToAsk());
        }
        List<UUID> matches = accounts.usersWithEmail(email);
        if (matches.size() > 1) {
            throw refused("More than one Tocsin user has the address " + email + ". " + whomToAsk());
        }
        UUID userId;
        if (matches.isEmpty()) {
            if (!properties.autoCreate()) {
                throw refused("Tocsin has no user with the address " + email + ". " + whomToAsk());
            }
            String name = person.getFullName() != null ? person.getFullName() : email;
            userId = users.create(name, email).id();
            log.info("oidc sign-in created user={}", userId);
        } else {
            userId = matches.getFirst();
        }
        Optional<Accounts.Account> existing = accounts.find(userId);
        if (existing.map(Accounts.Account::oidcSubject).isPresent()) {
            throw refused("The Tocsin user with the address " + email + " signs in as another identity already. "
                    + whomToAsk());
        }
        accounts.grant(userId, claimed.or(() -> existing.map(Accounts.Account::role)).orElse(Role.RESPONDER));
        accounts.linkSubject(userId, person.getSubject());
        log.info("oidc sign-in linked user={} to its subject", userId);
        return accounts.find(userId).orElseThrow();
    }

    private Optional<Role> claimedRole(OidcUser person) {
        if (!properties.rolesFromClaim()) {
            return Optional.empty();
        }
        Set<String> values = switch (person.getClaims().get(properties.roleClaim())) {
            case Collection<?> many -> many.stream().map(String::valueOf).collect(Collectors.toSet());
            case null -> Set.of();
            case Object one -> Set.of(String.valueOf(one));
        };
        if (values.stream().anyMatch(properties.adminValues()::contains)) {
            return Optional.of(Role.ADMIN);
        }
        return Optional.of(values.stream().anyMatch(properties.responderValues()::contains)
                ? Role.RESPONDER : Role.READ_ONLY);
    }

    private String whomToAsk() {
        List<String> admins = accounts.adminNames();
        return admins.isEmpty() ? "Ask whoever runs Tocsin to add you as a user with this address."
                : "Ask one of Tocsin's admins to add you as a user with this address: " + String.join(", ", admins) + ".";
    }

    private static OAuth2AuthenticationException refused(String message) {
        return new OAuth2AuthenticationException(new OAuth2Error("not_a_tocsin_user", message, null), message);
    }
}
