package io.tocsin.routing.auth;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;

/** Checks an API token, sent as a bearer token to the API or pasted into the console's sign-in form. */
@Component
class ApiTokenAuthentication implements AuthenticationProvider {

    static final String NOT_VALID = "The API token is not valid: it may have been revoked or mistyped.";

    private final ApiTokens tokens;

    ApiTokenAuthentication(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken().strip();
        return tokens.authenticate(token).map(SignedIn::new).orElseThrow(() -> new BadCredentialsException(NOT_VALID));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
