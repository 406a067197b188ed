package io.tocsin.routing.schedule;

import java.time.Instant;
import java.util.UUID;

/** {@code userId} is on call from {@code startsAt} to {@code endsAt}: instead of {@code replacesUserId}, or besides whoever is. */
public record ScheduleOverride(UUID id, UUID userId, UUID replacesUserId, Instant startsAt, Instant endsAt) {

    boolean activeAt(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }
}
