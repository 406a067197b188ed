package io.tocsin.routing.auth;

import io.tocsin.routing.api.Caller;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Who a request acts as, once Spring Security has checked them: an API token, or a console session (kept in the
 * session and checked again on each request, see {@link ConsoleSessionContexts}).
 */
public final class SignedIn extends AbstractAuthenticationToken {

    private final Caller caller;

    SignedIn(Caller caller) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
        this.caller = caller;
        setAuthenticated(true);
    }

    public Caller caller() {
        return caller;
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    /** Never the token itself: Tocsin keeps only its hash. */
    @Override
    public Object getCredentials() {
        return null;
    }

    /** Spring Session indexes sessions by this: the person, or the token for a session that acts as one. */
    @Override
    public String getName() {
        return caller.tokenId() != null ? "token:" + caller.tokenId() : "user:" + caller.userId();
    }
}
