package io.tocsin.routing.api;

import java.io.Serializable;
import java.util.UUID;

/**
 * Who sent a request: an API token (its id, name and role, and for a responder's token their user and name), or a
 * person signed in to the console as themselves (no token: their role, id and name). {@code actorName} is how the
 * incident timeline and the audit log name them.
 */
public record Caller(UUID tokenId, String tokenName, Role role, UUID userId, String userName) implements Serializable {

    /** The request attribute holding the authenticated caller. */
    public static final String ATTRIBUTE = "tocsin.caller";

    /** The person's name (signed in, or a token that acts as them), else "api:" and the token's name. */
    public String actorName() {
        return userName != null ? userName : "api:" + tokenName;
    }
}
