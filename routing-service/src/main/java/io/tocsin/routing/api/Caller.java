package io.tocsin.routing.api;

import java.util.UUID;

/**
 * Who sent an admin API request: the token's id, name and role, and for a responder's token their user and name.
 * {@code actorName} is how the incident timeline and the audit log name them.
 */
public record Caller(UUID tokenId, String tokenName, Role role, UUID userId, String userName) {

    /** The request attribute holding the authenticated caller. */
    public static final String ATTRIBUTE = "tocsin.caller";

    /** The user's name for a token that acts as a user, else "api:" and the token's name. */
    public String actorName() {
        return userName != null ? userName : "api:" + tokenName;
    }
}
