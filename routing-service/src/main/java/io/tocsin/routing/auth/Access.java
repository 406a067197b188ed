package io.tocsin.routing.auth;

import io.tocsin.routing.api.Caller;
import io.tocsin.routing.api.Role;
import io.tocsin.routing.user.Users;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What each role may do: a request a token's role does not allow gets a 403 saying what it would need. The console
 * asks the same question: each of its paths mirrors an API path ({@code /ui/incidents/7/acknowledge} is
 * {@code /api/v1/incidents/7/acknowledge}).
 */
@Component
class Access {

    /** A request refused, and why: the refusal pages and problem details show the reason. */
    static final class Refusal extends AuthorizationDecision {

        private final String reason;

        Refusal(String reason) {
            super(false);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    private static final List<PathPattern> ADMIN_ONLY = patterns("/api/v1/api-tokens/**", "/api/v1/audit-log/**",
            "/api/v1/operations/**", "/api/v1/users/{userId}/sign-in/**", "/api/v1/users/{userId}/invitations/**");
    private static final List<PathPattern> INCIDENT_ACTIONS = patterns(
            "/api/v1/incidents/{id}/acknowledge", "/api/v1/incidents/{id}/unacknowledge",
            "/api/v1/incidents/{id}/resolve", "/api/v1/incidents/{id}/escalate",
            // telling customers what is going on is part of handling an incident
            "/api/v1/status-pages/{id}/updates");
    private static final List<PathPattern> OWN_SETTINGS = patterns(
            "/api/v1/users/{userId}/contact-methods/**", "/api/v1/users/{userId}/notification-rules/**");
    /** A person's own page: their password, and what /ui/me shows of them. */
    private static final List<PathPattern> MINE = patterns("/api/v1/me", "/api/v1/me/**");
    private static final List<PathPattern> OVERRIDES = patterns("/api/v1/schedules/{scheduleId}/overrides/**");

    private static final String RESPONDER_MAY = "may read, acknowledge, resolve and escalate incidents, post status"
            + " page updates, and change"
            + " its user's own contact methods and notification rules and the overrides of schedules they take part in";

    private final Users users;

    Access(Users users) {
        this.users = users;
    }

    /**
     * Spring Security's decision on a request, taken on the API path {@code apiPath} gives for its path. Handlers read
     * the caller from the request attribute {@link Caller#ATTRIBUTE}.
     */
    AuthorizationManager<RequestAuthorizationContext> decider(UnaryOperator<String> apiPath) {
        return (authentication, context) -> {
            if (!(authentication.get() instanceof SignedIn signedIn)) {
                return new AuthorizationDecision(false);
            }
            HttpServletRequest request = context.getRequest();
            // as the container decoded and normalized it (no "..", no ";params"), as handlers are mapped by
            String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
            Optional<String> refusal = refusal(signedIn.caller(), request.getMethod(), apiPath.apply(path));
            if (refusal.isPresent()) {
                return new Refusal(refusal.get());
            }
            request.setAttribute(Caller.ATTRIBUTE, signedIn.caller());
            return new AuthorizationDecision(true);
        };
    }

    /** Empty if the caller may send this request, else why not and what it needs. */
    Optional<String> refusal(Caller caller, String method, String path) {
        PathContainer requested = PathContainer.parsePath(path);
        if (MINE.stream().anyMatch(pattern -> pattern.matches(requested))) {
            return caller.tokenId() == null ? Optional.empty() : Optional.of("This is a person's own page: sign in"
                    + " as yourself (password or single sign-on), not with an API token.");
        }
        if (caller.role() == Role.ADMIN) {
            return Optional.empty();
        }
        String request = method + " " + path;
        // a person signed in as themselves, or a token
        String who = caller.tokenId() == null ? "Your account" : "This API token";
        boolean reads = method.equals("GET") || method.equals("HEAD");
        if (ADMIN_ONLY.stream().anyMatch(pattern -> pattern.matches(requested))) {
            return Optional.of(who + " has role " + caller.role() + "; " + request + " needs an ADMIN token.");
        }
        if (reads) {
            return Optional.empty();
        }
        if (caller.role() == Role.READ_ONLY) {
            return Optional.of(who + " has role READ_ONLY, which may only read (GET); " + request
                    + " needs an ADMIN token, or a RESPONDER token for incident actions and a responder's own settings.");
        }
        boolean allowed = INCIDENT_ACTIONS.stream().anyMatch(pattern -> pattern.matches(requested))
                || variable(OWN_SETTINGS, requested, "userId").filter(id -> id.equals(String.valueOf(caller.userId())))
                        .isPresent()
                || variable(OVERRIDES, requested, "scheduleId").flatMap(Access::uuid)
                        .filter(schedule -> users.takesPartIn(caller.userId(), schedule)).isPresent();
        return allowed ? Optional.empty() : Optional.of(who + " has role RESPONDER, which " + RESPONDER_MAY
                + "; " + request + " needs an ADMIN token.");
    }

    private static Optional<String> variable(List<PathPattern> patterns, PathContainer path, String name) {
        return patterns.stream()
                .map(pattern -> pattern.matchAndExtract(path))
                .filter(Objects::nonNull)
                .map(PathPattern.PathMatchInfo::getUriVariables)
                .map((Map<String, String> variables) -> variables.get(name))
                .findFirst();
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<PathPattern> patterns(String... patterns) {
        return Arrays.stream(patterns).map(PathPatternParser.defaultInstance::parse).toList();
    }
}
