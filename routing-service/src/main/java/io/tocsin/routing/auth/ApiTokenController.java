package io.tocsin.routing.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.contracts.SecretHash;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.api.Role;
import io.tocsin.routing.audit.AuditLog.Action;
import io.tocsin.routing.audit.AuditLog.ResourceType;
import io.tocsin.routing.audit.AuditLog;
import io.tocsin.routing.user.Users;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API tokens over REST (admins only): issue one with a role, list them without their secrets, revoke one. */
@RestController
@RequestMapping("/api/v1/api-tokens")
class ApiTokenController {

    private static final Logger log = LoggerFactory.getLogger(ApiTokenController.class);

    private final ApiTokens tokens;
    private final Users users;
    private final AuditLog audit;

    ApiTokenController(ApiTokens tokens, Users users, AuditLog audit) {
        this.tokens = tokens;
        this.users = users;
        this.audit = audit;
    }

    /** The body of POST /api/v1/api-tokens. */
    record TokenSpec(@NotBlank @Size(max = 200) String name, @NotNull Role role,
            @Schema(description = "the user the token acts as: required for RESPONDER, optional otherwise;"
                    + " the timeline names them for the token's incident actions") UUID userId) {
    }

    /** A new token with its secret: shown this once, Tocsin keeps only a hash. */
    record IssuedToken(ApiToken apiToken, String token) {
    }

    record TokenList(List<ApiToken> apiTokens) {
    }

    @Operation(operationId = "createApiToken", summary = "Issue an API token with a role; the token is in the answer, once")
    @PostMapping
    @Transactional
    ResponseEntity<IssuedToken> create(@Valid @RequestBody TokenSpec spec) {
        if (spec.role() == Role.RESPONDER && spec.userId() == null) {
            throw new InvalidRequest("'userId' is required for a RESPONDER token: the user whose incidents and"
                    + " settings it acts on");
        }
        if (spec.userId() != null && users.find(spec.userId()).isEmpty()) {
            throw new InvalidRequest("'userId': no user has id " + spec.userId());
        }
        String secret = SecretHash.generate();
        ApiToken token = tokens.create(spec.name(), spec.role(), spec.userId(), secret);
        audit.record(ResourceType.API_TOKEN, token.id(), Action.CREATE, null, token);
        log.info("api token={} issued role={}", token.id(), token.role());
        return ResponseEntity.created(URI.create("/api/v1/api-tokens/" + token.id()))
                .body(new IssuedToken(token, secret));
    }

    @Operation(operationId = "listApiTokens", summary = "List API tokens (never their secrets), with when each was last used")
    @GetMapping
    TokenList list() {
        return new TokenList(tokens.list());
    }

    @Operation(operationId = "revokeApiToken", summary = "Revoke an API token: it stops working at once")
    @DeleteMapping("/{id}")
    @Transactional
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        ApiToken token = tokens.find(id).orElseThrow(() -> new NotFound("No API token has id " + id));
        tokens.delete(id);
        audit.record(ResourceType.API_TOKEN, id, Action.DELETE, token, null);
        log.info("api token={} revoked", id);
        return ResponseEntity.noContent().build();
    }
}
