package io.tocsin.cli.importer;

import io.tocsin.cli.config.ConfigDocument.Restriction;
import io.tocsin.cli.config.ConfigDocument.ScheduleOverride;
import io.tocsin.cli.config.ConfigDocument.ShiftUnit;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Turn lengths and time windows of other tools' rotations, as Tocsin's rotations express them. */
final class Rotations {

    /** A turn of {@code length} {@code unit}s. */
    record Turn(int length, ShiftUnit unit) {
    }

    private Rotations() {
    }

    /**
     * The turn, in the largest unit that divides it: whole days and weeks hand over at the same local time across
     * daylight saving changes, as the other tools do; null if it is not whole hours.
     */
    static Turn turn(Duration length) {
        long hours = length.toHours();
        if (length.isZero() || length.isNegative() || !Duration.ofHours(hours).equals(length)) {
            return null;
        }
        if (hours % (24 * 7) == 0) {
            return new Turn((int) (hours / (24 * 7)), ShiftUnit.WEEKS);
        }
        if (hours % 24 == 0) {
            return new Turn((int) (hours / 24), ShiftUnit.DAYS);
        }
        return new Turn((int) hours, ShiftUnit.HOURS);
    }

    /**
     * A window opening on {@code day} at {@code start} and lasting {@code length} (up to a week), as Tocsin's windows
     * of at most a day each: one per day it covers, each from the same local time.
     */
    static List<Restriction> window(DayOfWeek day, LocalTime start, Duration length) {
        List<Restriction> windows = new ArrayList<>();
        Duration left = length;
        for (DayOfWeek on = day; left.isPositive() && windows.size() < 7; on = on.plus(1)) {
            Duration part = left.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : left;
            // an end at the start is a whole day in Tocsin
            windows.add(new Restriction(List.of(on), start, start.plus(part)));
            left = left.minus(part);
        }
        return windows;
    }

    /** A window every day from {@code start}, lasting {@code length} (up to a day). */
    static Restriction daily(LocalTime start, Duration length) {
        return new Restriction(List.of(DayOfWeek.values()), start, start.plus(length));
    }

    /**
     * Another tool's override puts {@code user} on call instead of whoever the schedule has. A Tocsin override replaces
     * one person: so one replacing each participant of the schedule, and one adding the user in case nobody is on call.
     */
    static List<ScheduleOverride> takingOver(String user, Collection<String> participants, Instant start, Instant end) {
        List<ScheduleOverride> overrides = new ArrayList<>();
        overrides.add(new ScheduleOverride(user, null, start, end));
        participants.forEach(participant -> overrides.add(new ScheduleOverride(user, participant, start, end)));
        return overrides;
    }

    /**
     * Another tool has {@code users} on call, together, instead of whoever the schedule has ({@code participants}):
     * each of them added, and the first replacing each participant who is not one of them.
     */
    static List<ScheduleOverride> takingOver(Collection<String> users, Collection<String> participants, Instant start,
            Instant end) {
        List<ScheduleOverride> overrides = new ArrayList<>();
        users.forEach(user -> overrides.add(new ScheduleOverride(user, null, start, end)));
        String first = users.iterator().next();
        participants.stream().filter(participant -> !users.contains(participant))
                .forEach(participant -> overrides.add(new ScheduleOverride(first, participant, start, end)));
        return overrides;
    }
}
