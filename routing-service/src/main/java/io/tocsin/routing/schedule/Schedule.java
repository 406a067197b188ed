package io.tocsin.routing.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Who is on call, when: rotations in a time zone, with overrides on top. */
public record Schedule(UUID id, String name, ZoneId timeZone, List<Rotation> rotations, List<ScheduleOverride> overrides) {

    public Schedule {
        rotations = List.copyOf(rotations);
        overrides = List.copyOf(overrides);
    }

    /** Everyone on call at {@code at}: each rotation's current participant, then the overrides in force. */
    public Set<UUID> onCall(Instant at) {
        Set<UUID> onCall = new LinkedHashSet<>();
        for (Rotation rotation : rotations) {
            rotation.onCall(at, timeZone).ifPresent(onCall::add);
        }
        for (ScheduleOverride override : overrides) {
            if (!override.activeAt(at)) {
                continue;
            }
            if (override.replacesUserId() == null) {
                onCall.add(override.userId());
            } else if (onCall.remove(override.replacesUserId())) {
                onCall.add(override.userId());
            }
        }
        return onCall;
    }
}
