package io.tocsin.routing.schedule;

import io.tocsin.routing.api.Conflict;
import io.tocsin.routing.api.ETags;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.api.Refusals;
import io.tocsin.routing.audit.AuditLog;
import io.tocsin.routing.audit.AuditLog.Action;
import io.tocsin.routing.audit.AuditLog.ResourceType;
import io.tocsin.routing.schedule.Rotation.ShiftUnit;
import io.tocsin.routing.team.Teams;
import io.tocsin.routing.user.User;
import io.tocsin.routing.user.Users;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** On-call schedules over REST: rotations, overrides, and who is on call at a given time. */
@RestController
@RequestMapping("/api/v1/schedules")
class ScheduleController {

    /** Bounds the work one request can ask for: a year of hourly shifts is still quick to work out. */
    private static final Duration MAX_SHIFTS_SPAN = Duration.ofDays(366);

    private final Schedules schedules;
    private final Users users;
    private final Teams teams;
    private final AuditLog audit;
    private final ETags etags;
    private final Clock clock;
    private final OverrideBooking booking;

    ScheduleController(Schedules schedules, Users users, Teams teams, AuditLog audit, ETags etags, Clock clock,
            OverrideBooking booking) {
        this.schedules = schedules;
        this.users = users;
        this.teams = teams;
        this.audit = audit;
        this.etags = etags;
        this.clock = clock;
        this.booking = booking;
    }

    /** The body of POST and PUT: a name, an IANA time zone (e.g. Europe/Berlin), the rotations, the owning team. */
    record ScheduleSpec(@NotBlank @Size(max = 200) String name, @NotBlank String timeZone,
            @NotEmpty @Size(max = 20) List<@Valid @NotNull RotationSpec> rotations, UUID teamId) {
    }

    /**
     * Participants take turns of {@code shiftLength} {@code shiftUnit}s from {@code start}, local time, in
     * {@code layer} (1 if not given) and only inside the {@code restrictions} (around the clock if none).
     */
    record RotationSpec(@NotBlank @Size(max = 200) String name, @NotNull LocalDateTime start,
            @Min(1) @Max(1000) int shiftLength, @NotNull ShiftUnit shiftUnit,
            @NotEmpty @Size(max = 100) List<@NotNull UUID> participants, @Min(1) @Max(100) Integer layer,
            @Size(max = 50) List<@Valid @NotNull RestrictionSpec> restrictions) {
    }

    /** On each of {@code days} from {@code start} to {@code end}, local time; an end at or before the start is the next day. */
    record RestrictionSpec(@NotEmpty Set<@NotNull DayOfWeek> days, @NotNull LocalTime start, @NotNull LocalTime end) {
    }

    record OverrideSpec(@NotNull UUID userId, UUID replacesUserId, @NotNull Instant startsAt, @NotNull Instant endsAt) {
    }

    record ScheduleList(List<Schedule> schedules) {
    }

    record OnCallNow(UUID scheduleId, Instant at, List<User> users) {
    }

    record Shifts(UUID scheduleId, Instant from, Instant to, List<NamedShift> shifts) {
    }

    record OverrideList(List<ScheduleOverride> overrides) {
    }

    @GetMapping
    ScheduleList list(@RequestParam(required = false) UUID teamId) {
        return new ScheduleList(schedules.all(clock.instant(), teamId));
    }

    /** The schedule with the overrides that have not ended; its ETag changes when one ends, as what it shows does. */
    @GetMapping("/{id}")
    ResponseEntity<Schedule> get(@PathVariable UUID id) {
        Schedule schedule = schedule(id);
        return ResponseEntity.ok().eTag(etags.of(schedule)).body(schedule);
    }

    @PostMapping
    @Transactional
    ResponseEntity<Schedule> create(@Valid @RequestBody ScheduleSpec spec) {
        UUID id = schedules.create(spec.name(), zone(spec.timeZone()), rotations(spec),
                teams.checked(spec.teamId()));
        Schedule schedule = schedule(id);
        audit.record(ResourceType.SCHEDULE, id, Action.CREATE, null, schedule);
        return ResponseEntity.created(URI.create("/api/v1/schedules/" + id)).body(schedule);
    }

    @PutMapping("/{id}")
    @Transactional
    ResponseEntity<Schedule> replace(@PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody ScheduleSpec spec) {
        Schedule before = current(id, ifMatch);
        schedules.replace(id, spec.name(), zone(spec.timeZone()), rotations(spec), teams.checked(spec.teamId()));
        Schedule after = schedule(id);
        audit.record(ResourceType.SCHEDULE, id, Action.UPDATE, before, after);
        return ResponseEntity.ok().eTag(etags.of(after)).body(after);
    }

    @DeleteMapping("/{id}")
    @Transactional
    ResponseEntity<Void> delete(@PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Schedule before = current(id, ifMatch);
        List<String> policies = schedules.policiesPaging(id);
        if (!policies.isEmpty()) {
            throw new Conflict("Schedule " + id + " is a target of escalation policy(ies) " + String.join(", ", policies)
                    + ": take it out of them first, so that no level is left paging nobody.");
        }
        // a policy that came to name it since the check above is still refused by the database
        Refusals.refusedBy("escalation_target_schedule_fk", "Schedule " + id + " is a target of an escalation policy:"
                + " take it out of the policy first, so that no level is left paging nobody.",
                () -> schedules.delete(id));
        audit.record(ResourceType.SCHEDULE, id, Action.DELETE, before, null);
        return ResponseEntity.noContent().build();
    }

    /** Who is on call at {@code at} (now if not given). */
    @GetMapping("/{id}/on-call")
    OnCallNow onCall(@PathVariable UUID id, @RequestParam(required = false) Instant at) {
        Instant when = at == null ? clock.instant() : at;
        Schedule schedule = schedules.find(id, when).orElseThrow(() -> notFound(id));
        return new OnCallNow(id, when, schedule.onCall(when).stream().flatMap(user -> users.find(user).stream()).toList());
    }

    /** The final shifts from {@code from} to {@code to}: layers, restrictions and overrides worked out. */
    @GetMapping("/{id}/shifts")
    Shifts shifts(@PathVariable UUID id, @RequestParam Instant from, @RequestParam Instant to) {
        if (!to.isAfter(from)) {
            throw new InvalidRequest("'to' must be after 'from'");
        }
        if (Duration.between(from, to).compareTo(MAX_SHIFTS_SPAN) > 0) {
            throw new InvalidRequest("Ask for at most " + MAX_SHIFTS_SPAN.toDays() + " days of shifts at a time;"
                    + " page through longer spans with consecutive 'from'/'to' intervals");
        }
        Schedule schedule = schedules.find(id, from).orElseThrow(() -> notFound(id));
        return new Shifts(id, from, to, NamedShift.of(schedule.shifts(from, to), users));
    }

    @PostMapping("/{id}/overrides")
    @Transactional
    ResponseEntity<ScheduleOverride> addOverride(@PathVariable UUID id, @Valid @RequestBody OverrideSpec spec) {
        ScheduleOverride override = booking.add(id, spec.userId(), spec.replacesUserId(), spec.startsAt(),
                spec.endsAt());
        return ResponseEntity.created(URI.create("/api/v1/schedules/" + id + "/overrides/" + override.id()))
                .body(override);
    }

    /** The overrides that have not ended by {@code from} (now if not given; earlier to see past ones), soonest first. */
    @GetMapping("/{id}/overrides")
    OverrideList overrides(@PathVariable UUID id, @RequestParam(required = false) Instant from) {
        schedule(id);
        return new OverrideList(schedules.overrides(id, from == null ? clock.instant() : from));
    }

    @GetMapping("/{id}/overrides/{overrideId}")
    ScheduleOverride override(@PathVariable UUID id, @PathVariable UUID overrideId) {
        return schedules.findOverride(id, overrideId).orElseThrow(() -> noOverride(id, overrideId));
    }

    @DeleteMapping("/{id}/overrides/{overrideId}")
    @Transactional
    ResponseEntity<Void> deleteOverride(@PathVariable UUID id, @PathVariable UUID overrideId) {
        ScheduleOverride before = schedules.findOverride(id, overrideId).orElseThrow(() -> noOverride(id, overrideId));
        schedules.deleteOverride(id, overrideId);
        audit.record(ResourceType.SCHEDULE_OVERRIDE, overrideId, Action.DELETE, before, null);
        return ResponseEntity.noContent().build();
    }

    private List<Rotation> rotations(ScheduleSpec spec) {
        return spec.rotations().stream().map(rotation -> {
            rotation.participants().forEach(user -> user("rotation '" + rotation.name() + "'", user));
            return new Rotation(UUID.randomUUID(), rotation.name(), rotation.start(), rotation.shiftLength(),
                    rotation.shiftUnit(), rotation.participants(),
                    rotation.layer() == null ? Rotation.DEFAULT_LAYER : rotation.layer(),
                    rotation.restrictions() == null ? List.of() : rotation.restrictions().stream()
                            .map(restriction -> new Restriction(restriction.days(), restriction.start(), restriction.end()))
                            .toList());
        }).toList();
    }

    private void user(String where, UUID id) {
        if (users.find(id).isEmpty()) {
            throw new InvalidRequest(where + ": no user has id " + id);
        }
    }

    private static ZoneId zone(String timeZone) {
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidRequest("'timeZone' must be an IANA time zone such as Europe/Berlin or"
                    + " America/New_York, not '" + timeZone + "'");
        }
    }

    /** The schedule as the caller read it, locked against other writes through the API, if If-Match allows. */
    private Schedule current(UUID id, String ifMatch) {
        return etags.current("schedule", id, ifMatch, () -> schedules.find(id, clock.instant()))
                .orElseThrow(() -> notFound(id));
    }

    private Schedule schedule(UUID id) {
        return schedules.find(id, clock.instant()).orElseThrow(() -> notFound(id));
    }

    private static NotFound noOverride(UUID id, UUID overrideId) {
        return new NotFound("Schedule " + id + " has no override " + overrideId);
    }

    private static NotFound notFound(UUID id) {
        return new NotFound("No schedule has id " + id);
    }
}
