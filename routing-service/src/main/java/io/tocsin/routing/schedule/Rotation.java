package io.tocsin.routing.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Participants taking turns, one shift each, from {@code start} (a local date-time in the schedule's
 * zone). Shifts of days and weeks hand over at the same local time of day whatever daylight saving
 * does; shifts of hours are that many real hours.
 */
public record Rotation(UUID id, String name, LocalDateTime start, int shiftLength, ShiftUnit shiftUnit,
        List<UUID> participants) {

    /** The unit a shift length is counted in. */
    public enum ShiftUnit {
        HOURS, DAYS, WEEKS
    }

    public Rotation {
        participants = List.copyOf(participants);
    }

    /** Who is on call at {@code at}: nobody before the first shift or without participants. */
    public Optional<UUID> onCall(Instant at, ZoneId zone) {
        if (participants.isEmpty()) {
            return Optional.empty();
        }
        long shift = shiftAt(at, zone);
        if (shift < 0) {
            return Optional.empty();
        }
        return Optional.of(participants.get((int) (shift % participants.size())));
    }

    /** The instant shift {@code n} (0 is the first) begins. */
    public Instant shiftStart(long n, ZoneId zone) {
        ZonedDateTime first = start.atZone(zone);
        return switch (shiftUnit) {
            case HOURS -> first.toInstant().plus(n * shiftLength, ChronoUnit.HOURS);
            // local calendar arithmetic: 09:00 stays 09:00 across a daylight-saving change
            case DAYS -> start.plusDays(n * shiftLength).atZone(zone).toInstant();
            case WEEKS -> start.plusWeeks(n * shiftLength).atZone(zone).toInstant();
        };
    }

    /** The number of the shift running at {@code at}; negative before the first. */
    long shiftAt(Instant at, ZoneId zone) {
        Instant first = shiftStart(0, zone);
        if (at.isBefore(first)) {
            return -1;
        }
        long hours = shiftUnit == ShiftUnit.HOURS ? shiftLength
                : (long) shiftLength * (shiftUnit == ShiftUnit.DAYS ? 24 : 24 * 7);
        long shift = ChronoUnit.HOURS.between(first, at) / hours;
        // the estimate is off by at most one where daylight saving made a day 23 or 25 hours long
        while (shift > 0 && shiftStart(shift, zone).isAfter(at)) {
            shift--;
        }
        while (!shiftStart(shift + 1, zone).isAfter(at)) {
            shift++;
        }
        return shift;
    }
}
