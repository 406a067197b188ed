package io.tocsin.routing.auth;

import io.tocsin.contracts.SecretHash;
import io.tocsin.routing.api.Caller;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.api.Role;
import io.tocsin.routing.audit.AuditLog;
import io.tocsin.routing.audit.AuditLog.Action;
import io.tocsin.routing.audit.AuditLog.ResourceType;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A person's own API tokens (for their scripts and phone): RESPONDER or READ_ONLY, never more than their own role. */
@Component
public class PersonalTokens {

    private static final Logger log = LoggerFactory.getLogger(PersonalTokens.class);

    /** A new token with its secret, shown this once. */
    public record Issued(ApiToken apiToken, String token) {
    }

    private final ApiTokens tokens;
    private final AuditLog audit;

    PersonalTokens(ApiTokens tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    public List<ApiToken> of(Caller person) {
        return tokens.list().stream().filter(token -> person.userId().equals(token.userId())).toList();
    }

    @Transactional
    public Issued issue(Caller person, String name, Role role) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidRequest("Name the token (up to 200 characters), e.g. after the machine it goes on.");
        }
        if (role == Role.ADMIN || (role == Role.RESPONDER && person.role() == Role.READ_ONLY)) {
            throw new InvalidRequest("A personal token may have role RESPONDER or READ_ONLY, and no more than your"
                    + " own role (" + person.role() + "); an admin issues others with POST /api/v1/api-tokens.");
        }
        String secret = SecretHash.generate();
        ApiToken token = tokens.create(name.strip(), role, person.userId(), secret);
        audit.record(ResourceType.API_TOKEN, token.id(), Action.CREATE, null, token);
        log.info("api token={} issued role={} by its user={}", token.id(), role, person.userId());
        return new Issued(token, secret);
    }

    @Transactional
    public void revoke(Caller person, UUID id) {
        ApiToken token = tokens.find(id).filter(found -> person.userId().equals(found.userId()))
                .orElseThrow(() -> new NotFound("You have no API token with id " + id));
        tokens.delete(id);
        audit.record(ResourceType.API_TOKEN, id, Action.DELETE, token, null);
        log.info("api token={} revoked by its user={}", id, person.userId());
    }
}
