package io.tocsin.routing.audit;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** One configuration change: who made it with which token, to what, and the resource before and after (JSON). */
public record AuditEntry(long id, Instant at, UUID tokenId, String actor, AuditLog.ResourceType resourceType,
        String resourceId, AuditLog.Action action, JsonNode before, JsonNode after) {
}
