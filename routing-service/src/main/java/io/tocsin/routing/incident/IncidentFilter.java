package io.tocsin.routing.incident;

import io.tocsin.contracts.IncidentStatus;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Which incidents to list: any of these statuses (all if empty), one service, created in [since, until), after a cursor. */
public record IncidentFilter(Set<IncidentStatus> statuses, UUID serviceId, Instant since, Instant until, Cursor after) {

    /** A position in the newest-first listing: the last incident of the previous page. */
    public record Cursor(Instant createdAt, UUID id) {
    }
}
