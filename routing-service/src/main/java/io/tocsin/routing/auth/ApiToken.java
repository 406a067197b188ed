package io.tocsin.routing.auth;

import io.tocsin.routing.api.Role;
import java.time.Instant;
import java.util.UUID;

/** An API token as the API shows it: never its secret, which only its creator saw, once. */
public record ApiToken(UUID id, String name, Role role, UUID userId, Instant createdAt, Instant lastUsedAt) {
}
