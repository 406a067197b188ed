package io.tocsin.routing.incident;

import java.time.Instant;

/**
 * An incident was opened (not in maintenance) or triggered again, in the transaction that did it: whoever pages
 * starts from its first level. Published synchronously, so paging commits or rolls back with the change.
 */
public record IncidentTriggered(Incident incident, Instant at) {
}
