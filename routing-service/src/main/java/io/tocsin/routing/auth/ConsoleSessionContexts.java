package io.tocsin.routing.auth;

import io.tocsin.routing.api.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Console sign-ins, kept in the session (in PostgreSQL, so any routing instance serves them) and checked again on
 * each request: a revoked token or a deleted person is signed out at once, a new role or name applies at once.
 */
@Component
class ConsoleSessionContexts implements SecurityContextRepository {

    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    private final ChangeSessionIdAuthenticationStrategy fixation = new ChangeSessionIdAuthenticationStrategy();
    private final ApiTokens tokens;
    private final Accounts accounts;

    ConsoleSessionContexts(ApiTokens tokens, Accounts accounts) {
        this.tokens = tokens;
        this.accounts = accounts;
    }

    /** Signs the browser in: a new session id (an id planted before sign-in is worth nothing), then the sign-in. */
    void signIn(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        fixation.onAuthentication(authentication, request, response);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        sessions.saveContext(context, request, response);
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        DeferredSecurityContext stored = sessions.loadDeferredContext(request);
        Supplier<SecurityContext> current = SingletonSupplier.of(() -> current(stored.get()));
        return new DeferredSecurityContext() {
            @Override
            public SecurityContext get() {
                return current.get();
            }

            @Override
            public boolean isGenerated() {
                return stored.isGenerated() || current.get().getAuthentication() == null;
            }
        };
    }

    @Override
    @SuppressWarnings("deprecation") // the filters call loadDeferredContext; the interface still demands this one
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return current(sessions.loadContext(holder));
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        sessions.saveContext(context, request, response);
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return sessions.containsContext(request);
    }

    private SecurityContext current(SecurityContext stored) {
        if (!(stored.getAuthentication() instanceof SignedIn signedIn)) {
            return stored;
        }
        return now(signedIn.caller()).<SecurityContext>map(caller -> new SecurityContextImpl(new SignedIn(caller)))
                .orElseGet(SecurityContextHolder::createEmptyContext);
    }

    /** Who the session acts as now, unless that token or person is gone. */
    private Optional<Caller> now(Caller signedIn) {
        return signedIn.tokenId() != null ? tokens.caller(signedIn.tokenId())
                : accounts.find(signedIn.userId()).map(Accounts.Account::caller);
    }
}
