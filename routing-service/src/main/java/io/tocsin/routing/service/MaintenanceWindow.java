package io.tocsin.routing.service;

import java.time.Instant;
import java.util.UUID;

/** A time during which a service's new incidents are recorded as suppressed and page nobody. */
public record MaintenanceWindow(UUID id, UUID serviceId, Instant startsAt, Instant endsAt, String reason) {
}
