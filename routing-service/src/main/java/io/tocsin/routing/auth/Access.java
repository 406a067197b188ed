package io.tocsin.routing.auth;

import io.tocsin.routing.api.Caller;
import io.tocsin.routing.api.Role;
import io.tocsin.routing.user.Users;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** What each role may do: a request a token's role does not allow gets a 403 saying what it would need. */
@Component
class Access {

    private static final List<PathPattern> ADMIN_ONLY = patterns("/api/v1/api-tokens/**", "/api/v1/audit-log/**",
            "/api/v1/operations/**");
    private static final List<PathPattern> INCIDENT_ACTIONS = patterns(
            "/api/v1/incidents/{id}/acknowledge", "/api/v1/incidents/{id}/unacknowledge",
            "/api/v1/incidents/{id}/resolve", "/api/v1/incidents/{id}/escalate",
            // telling customers what is going on is part of handling an incident
            "/api/v1/status-pages/{id}/updates");
    private static final List<PathPattern> OWN_SETTINGS = patterns(
            "/api/v1/users/{userId}/contact-methods/**", "/api/v1/users/{userId}/notification-rules/**");
    private static final List<PathPattern> OVERRIDES = patterns("/api/v1/schedules/{scheduleId}/overrides/**");

    private static final String RESPONDER_MAY = "may read, acknowledge, resolve and escalate incidents, post status"
            + " page updates, and change"
            + " its user's own contact methods and notification rules and the overrides of schedules they take part in";

    private final Users users;

    Access(Users users) {
        this.users = users;
    }

    /** Empty if the caller may send this request, else why not and what it needs. */
    Optional<String> refusal(Caller caller, String method, String path) {
        PathContainer requested = PathContainer.parsePath(path);
        if (caller.role() == Role.ADMIN) {
            return Optional.empty();
        }
        String request = method + " " + path;
        boolean reads = method.equals("GET") || method.equals("HEAD");
        if (ADMIN_ONLY.stream().anyMatch(pattern -> pattern.matches(requested))) {
            return Optional.of("This API token has role " + caller.role() + "; " + request + " needs an ADMIN token.");
        }
        if (reads) {
            return Optional.empty();
        }
        if (caller.role() == Role.READ_ONLY) {
            return Optional.of("This API token has role READ_ONLY, which may only read (GET); " + request
                    + " needs an ADMIN token, or a RESPONDER token for incident actions and a responder's own settings.");
        }
        boolean allowed = INCIDENT_ACTIONS.stream().anyMatch(pattern -> pattern.matches(requested))
                || variable(OWN_SETTINGS, requested, "userId").filter(id -> id.equals(String.valueOf(caller.userId())))
                        .isPresent()
                || variable(OVERRIDES, requested, "scheduleId").flatMap(Access::uuid)
                        .filter(schedule -> users.takesPartIn(caller.userId(), schedule)).isPresent();
        return allowed ? Optional.empty() : Optional.of("This API token has role RESPONDER, which " + RESPONDER_MAY
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
