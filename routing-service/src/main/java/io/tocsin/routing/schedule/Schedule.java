package io.tocsin.routing.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Who is on call, when: rotations in a time zone, grouped in layers, with overrides on top. At any instant
 * the highest layer that has someone on call wins, its rotations adding up; then the overrides in force
 * replace or add people. {@code teamId} is the owning team, if any.
 */
public record Schedule(UUID id, String name, ZoneId timeZone, List<Rotation> rotations, List<ScheduleOverride> overrides,
        UUID teamId) {

    public Schedule {
        rotations = List.copyOf(rotations);
        overrides = List.copyOf(overrides);
    }

    /** Everyone on call at {@code at}: the escalation engine pages these. */
    public Set<UUID> onCall(Instant at) {
        Set<UUID> users = new LinkedHashSet<>();
        for (Assignment assignment : assignments(at)) {
            users.add(assignment.userId());
        }
        return users;
    }

    /** The final shifts overlapping {@code from} to {@code to}, cut to it: one per person and source, merged where contiguous. */
    public List<Shift> shifts(Instant from, Instant to) {
        TreeSet<Instant> changes = new TreeSet<>(List.of(from, to));
        for (Rotation rotation : rotations) {
            for (Shift shift : rotation.shifts(from, to, timeZone)) {
                changes.add(shift.start());
                changes.add(shift.end());
            }
        }
        for (ScheduleOverride override : overrides) {
            for (Instant change : List.of(override.startsAt(), override.endsAt())) {
                if (change.isAfter(from) && change.isBefore(to)) {
                    changes.add(change);
                }
            }
        }
        // only the overrides overlapping the interval can matter: leaving out the rest keeps each step cheap
        Schedule relevant = new Schedule(id, name, timeZone, rotations, overrides.stream()
                .filter(override -> override.startsAt().isBefore(to) && override.endsAt().isAfter(from)).toList(), teamId);
        // nothing changes between two consecutive instants of changes: who is on call at the first holds throughout
        List<Shift> shifts = new ArrayList<>();
        Map<Assignment, Instant> open = new LinkedHashMap<>();
        for (Instant at : changes.headSet(to)) {
            List<Assignment> now = relevant.assignments(at);
            open.entrySet().removeIf(entry -> {
                if (now.contains(entry.getKey())) {
                    return false;
                }
                shifts.add(entry.getKey().shift(entry.getValue(), at));
                return true;
            });
            now.forEach(assignment -> open.putIfAbsent(assignment, at));
        }
        open.forEach((assignment, start) -> shifts.add(assignment.shift(start, to)));
        shifts.sort(Comparator.comparing(Shift::start).thenComparing(Shift::end).thenComparing(Shift::userId));
        return shifts;
    }

    /** Who is on call at {@code at} and why. */
    private List<Assignment> assignments(Instant at) {
        List<Assignment> assigned = new ArrayList<>();
        int top = Integer.MIN_VALUE;
        for (Rotation rotation : rotations) {
            if (rotation.layer() < top) {
                continue;
            }
            var user = rotation.onCall(at, timeZone);
            if (user.isEmpty()) {
                continue;
            }
            if (rotation.layer() > top) {
                assigned.clear();
                top = rotation.layer();
            }
            add(assigned, new Assignment(user.get(), Shift.Source.of(rotation)));
        }
        for (ScheduleOverride override : overrides) {
            if (!override.activeAt(at)) {
                continue;
            }
            Assignment covering = new Assignment(override.userId(), Shift.Source.of(override));
            if (override.replacesUserId() == null) {
                add(assigned, covering);
            } else if (assigned.removeIf(assignment -> assignment.userId().equals(override.replacesUserId()))) {
                add(assigned, covering);
            }
        }
        return assigned;
    }

    /** Someone on call twice (in two rotations of a layer, or added while on call) is paged once, for the first reason. */
    private static void add(List<Assignment> assigned, Assignment assignment) {
        if (assigned.stream().noneMatch(other -> other.userId().equals(assignment.userId()))) {
            assigned.add(assignment);
        }
    }

    private record Assignment(UUID userId, Shift.Source source) {

        Shift shift(Instant start, Instant end) {
            return new Shift(start, end, userId, source);
        }
    }
}
