package io.tocsin.routing.incident;

import io.tocsin.routing.service.Service;
import java.time.Instant;

/**
 * An incident of {@code service} was opened (not in maintenance) or triggered again, in the transaction that did it:
 * whoever pages starts from its first level. Published synchronously, so paging commits or rolls back with the change.
 */
public record IncidentTriggered(Incident incident, Service service, Instant at) {
}
