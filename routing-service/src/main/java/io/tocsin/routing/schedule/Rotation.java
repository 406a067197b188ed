package io.tocsin.routing.schedule;

import io.tocsin.routing.schedule.Restriction.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Participants taking turns, one shift each, from {@code start} (a local date-time in the schedule's
 * zone). Shifts of days and weeks hand over at the same local time of day whatever daylight saving
 * does; shifts of hours are that many real hours. The rotation belongs to {@code layer} (a higher layer
 * wins where it has someone on call) and is on call only inside its {@code restrictions}, if it has any.
 */
public record Rotation(UUID id, String name, LocalDateTime start, int shiftLength, ShiftUnit shiftUnit,
        List<UUID> participants, int layer, List<Restriction> restrictions) {

    /** The layer of rotations made without one: all of them together, as before layers existed. */
    public static final int DEFAULT_LAYER = 1;

    /** The unit a shift length is counted in. */
    public enum ShiftUnit {
        HOURS, DAYS, WEEKS
    }

    public Rotation {
        participants = List.copyOf(participants);
        restrictions = List.copyOf(restrictions);
    }

    /** A rotation of the default layer, on call around the clock. */
    public Rotation(UUID id, String name, LocalDateTime start, int shiftLength, ShiftUnit shiftUnit,
            List<UUID> participants) {
        this(id, name, start, shiftLength, shiftUnit, participants, DEFAULT_LAYER, List.of());
    }

    /** Who is on call at {@code at}: nobody before the first shift, outside the restrictions or without participants. */
    public Optional<UUID> onCall(Instant at, ZoneId zone) {
        if (participants.isEmpty() || !active(at, zone)) {
            return Optional.empty();
        }
        long shift = shiftAt(at, zone);
        if (shift < 0) {
            return Optional.empty();
        }
        return Optional.of(participant(shift));
    }

    /** This rotation's shifts between {@code from} and {@code to}, cut to its restrictions. */
    List<Shift> shifts(Instant from, Instant to, ZoneId zone) {
        List<Shift> shifts = new ArrayList<>();
        if (participants.isEmpty() || !from.isBefore(to)) {
            return shifts;
        }
        List<Window> windows = windows(from, to, zone);
        Shift.Source source = Shift.Source.of(this);
        for (long n = Math.max(0, shiftAt(from, zone)); ; n++) {
            Instant start = shiftStart(n, zone);
            if (!start.isBefore(to)) {
                return shifts;
            }
            Instant end = shiftStart(n + 1, zone);
            for (Window window : windows) {
                Instant a = later(start, window.start());
                Instant b = earlier(end, window.end());
                if (a.isBefore(b)) {
                    shifts.add(new Shift(a, b, participant(n), source));
                }
            }
        }
    }

    /** The instant shift {@code n} (0 is the first) begins. */
    public Instant shiftStart(long n, ZoneId zone) {
        return switch (shiftUnit) {
            case HOURS -> ZonedTime.instant(start, zone).plus(n * shiftLength, ChronoUnit.HOURS);
            // local calendar arithmetic: 09:00 stays 09:00 across a daylight-saving change
            case DAYS -> ZonedTime.instant(start.plusDays(n * shiftLength), zone);
            case WEEKS -> ZonedTime.instant(start.plusWeeks(n * shiftLength), zone);
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

    /** Whether {@code at} is inside one of the restrictions (always, without restrictions). */
    boolean active(Instant at, ZoneId zone) {
        if (restrictions.isEmpty()) {
            return true;
        }
        LocalDate today = at.atZone(zone).toLocalDate();
        // a window opening yesterday may run into today
        for (LocalDate date : List.of(today.minusDays(1), today)) {
            for (Restriction restriction : restrictions) {
                Window window = restriction.windowOn(date, zone);
                if (window != null && window.contains(at)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The times between {@code from} and {@code to} the restrictions let this rotation be on call, merged. */
    List<Window> windows(Instant from, Instant to, ZoneId zone) {
        if (restrictions.isEmpty()) {
            return List.of(new Window(from, to));
        }
        List<Window> cut = new ArrayList<>();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate date = from.atZone(zone).toLocalDate().minusDays(1); !date.isAfter(last); date = date.plusDays(1)) {
            for (Restriction restriction : restrictions) {
                Window window = restriction.windowOn(date, zone);
                if (window != null && window.start().isBefore(to) && window.end().isAfter(from)) {
                    cut.add(new Window(later(window.start(), from), earlier(window.end(), to)));
                }
            }
        }
        cut.sort(Comparator.comparing(Window::start));
        List<Window> merged = new ArrayList<>();
        for (Window window : cut) {
            Window previous = merged.isEmpty() ? null : merged.getLast();
            if (previous != null && !window.start().isAfter(previous.end())) {
                merged.set(merged.size() - 1, new Window(previous.start(), later(previous.end(), window.end())));
            } else {
                merged.add(window);
            }
        }
        return merged;
    }

    private UUID participant(long shift) {
        return participants.get((int) (shift % participants.size()));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
