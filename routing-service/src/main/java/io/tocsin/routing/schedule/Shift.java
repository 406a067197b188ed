package io.tocsin.routing.schedule;

import java.time.Instant;
import java.util.UUID;

/** A stretch of time, {@code start} inclusive to {@code end} exclusive, one user is on call, and why. */
public record Shift(Instant start, Instant end, UUID userId, Source source) {

    /** Where a shift comes from: a rotation of a layer, or an override (by id). */
    public record Source(Integer layer, String rotation, UUID overrideId) {

        static Source of(Rotation rotation) {
            return new Source(rotation.layer(), rotation.name(), null);
        }

        static Source of(ScheduleOverride override) {
            return new Source(null, null, override.id());
        }
    }
}
