package io.tocsin.routing.auth;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Single sign-on with the company's identity provider (OIDC, Authorization Code with PKCE): off unless an issuer is
 * set. With a role claim, each sign-in takes the person's role from it: a value in {@code adminValues} makes them an
 * ADMIN, in {@code responderValues} a RESPONDER, anything else READ_ONLY.
 */
@ConfigurationProperties("tocsin.oidc")
record OidcProperties(String issuer, String clientId, String clientSecret, String roleClaim,
        @DefaultValue Set<String> adminValues, @DefaultValue Set<String> responderValues,
        @DefaultValue("false") boolean autoCreate) {

    boolean enabled() {
        return issuer != null && !issuer.isBlank();
    }

    boolean rolesFromClaim() {
        return roleClaim != null && !roleClaim.isBlank();
    }
}
