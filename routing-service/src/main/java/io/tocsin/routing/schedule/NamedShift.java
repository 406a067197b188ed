package io.tocsin.routing.schedule;

import io.tocsin.routing.schedule.Shift.Source;
import io.tocsin.routing.user.User;
import io.tocsin.routing.user.Users;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A shift as people read it: with the name of whoever is on call. */
public record NamedShift(Instant start, Instant end, UUID userId, String userName, Source source) {

    /** Names the shifts, looking each person up once; a user deleted since shows without a name. */
    public static List<NamedShift> of(List<Shift> shifts, Users users) {
        Map<UUID, String> names = new HashMap<>();
        return shifts.stream().map(shift -> new NamedShift(shift.start(), shift.end(), shift.userId(),
                names.computeIfAbsent(shift.userId(), id -> users.find(id).map(User::name).orElse(null)),
                shift.source())).toList();
    }
}
