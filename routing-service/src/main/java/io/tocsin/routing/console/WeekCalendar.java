package io.tocsin.routing.console;

import io.tocsin.routing.schedule.NamedShift;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * A week of final shifts as a calendar in the schedule's time zone: one column per local day, each shift cut at
 * midnight. Days are local dates, so a day the clocks change is 23 or 25 hours long, as the people on call live it.
 */
public record WeekCalendar(LocalDate monday, List<Day> days) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** One local day and who is on call during it. */
    public record Day(LocalDate date, boolean today, List<Piece> pieces) {
    }

    /** Part of a shift within one day, in local time ("24:00": to the end of the day); why: a layer or an override. */
    public record Piece(String from, String to, String who, String why, boolean override) {
    }

    /** The Monday starting the week that holds {@code day}. */
    static LocalDate weekOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The week from {@code monday}, given the schedule's shifts over it (any outside it are left out). */
    static WeekCalendar of(LocalDate monday, ZoneId zone, List<NamedShift> shifts, LocalDate today) {
        List<Day> days = new ArrayList<>();
        for (LocalDate date = monday; date.isBefore(monday.plusWeeks(1)); date = date.plusDays(1)) {
            Instant dayStart = date.atStartOfDay(zone).toInstant();
            Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
            List<Piece> pieces = new ArrayList<>();
            for (NamedShift shift : shifts) {
                if (!shift.start().isBefore(dayEnd) || !shift.end().isAfter(dayStart)) {
                    continue;
                }
                Instant from = shift.start().isAfter(dayStart) ? shift.start() : dayStart;
                Instant to = shift.end().isBefore(dayEnd) ? shift.end() : dayEnd;
                boolean override = shift.source().overrideId() != null;
                pieces.add(new Piece(TIME.format(from.atZone(zone)), to.equals(dayEnd) ? "24:00" : TIME.format(to.atZone(zone)),
                        shift.userName() == null ? "(deleted user)" : shift.userName(),
                        override ? "override" : "layer " + shift.source().layer() + ", " + shift.source().rotation(),
                        override));
            }
            days.add(new Day(date, date.equals(today), pieces));
        }
        return new WeekCalendar(monday, days);
    }
}
