package io.tocsin.routing.schedule;

import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.user.Users;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A person's view of the schedules: where they are on call now, and their next shift in each. */
@RestController
class UserOnCallController {

    /** How far ahead a next shift is looked for. */
    static final Duration AHEAD = Duration.ofDays(60);
    /** How far back a current shift's start is looked for. */
    static final Duration BEHIND = Duration.ofDays(7);

    private final Schedules schedules;
    private final Users users;
    private final Clock clock;

    UserOnCallController(Schedules schedules, Users users, Clock clock) {
        this.schedules = schedules;
        this.users = users;
        this.clock = clock;
    }

    /** A schedule the user is on call in now ({@code current}) or later ({@code next}, within 60 days). */
    record ScheduleOnCall(UUID scheduleId, String scheduleName, boolean onCallNow, NamedShift current,
            NamedShift next) {
    }

    record UserOnCall(UUID userId, Instant at, List<ScheduleOnCall> schedules) {
    }

    @GetMapping("/api/v1/users/{id}/on-call")
    UserOnCall onCall(@PathVariable UUID id) {
        if (users.find(id).isEmpty()) {
            throw new NotFound("No user has id " + id);
        }
        Instant now = clock.instant();
        List<ScheduleOnCall> found = new ArrayList<>();
        for (Schedule schedule : schedules.all(now.minus(BEHIND))) {
            List<NamedShift> theirs = NamedShift.of(schedule.shifts(now.minus(BEHIND), now.plus(AHEAD)).stream()
                    .filter(shift -> shift.userId().equals(id) && shift.end().isAfter(now))
                    .toList(), users);
            NamedShift current = theirs.stream().filter(shift -> !shift.start().isAfter(now)).findFirst().orElse(null);
            NamedShift next = theirs.stream().filter(shift -> shift.start().isAfter(now)).findFirst().orElse(null);
            if (current != null || next != null) {
                found.add(new ScheduleOnCall(schedule.id(), schedule.name(), current != null, current, next));
            }
        }
        return new UserOnCall(id, now, found);
    }
}
