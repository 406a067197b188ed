package io.tocsin.routing.console;

import io.tocsin.routing.schedule.NamedShift;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A month of final shifts as the weeks (Monday to Sunday) that hold its days, each laid out as the week view lays it
 * out; the days of the neighbouring months that fill the first and last week are shown too, set apart.
 */
public record MonthCalendar(YearMonth month, List<WeekCalendar> weeks) {

    /** The first day shown: the Monday of the week holding the 1st. */
    static LocalDate first(YearMonth month) {
        return WeekCalendar.weekOf(month.atDay(1));
    }

    /** The day after the last one shown: the Monday after the week holding the month's last day. */
    static LocalDate end(YearMonth month) {
        return WeekCalendar.weekOf(month.atEndOfMonth()).plusWeeks(1);
    }

    /** The month, given the schedule's shifts from {@link #first} to {@link #end}. */
    static MonthCalendar of(YearMonth month, ZoneId zone, List<NamedShift> shifts, LocalDate today) {
        List<WeekCalendar> weeks = new ArrayList<>();
        for (LocalDate monday = first(month); monday.isBefore(end(month)); monday = monday.plusWeeks(1)) {
            weeks.add(WeekCalendar.of(monday, zone, shifts, today));
        }
        return new MonthCalendar(month, weeks);
    }

    /** Whether the day belongs to this month rather than filling a week of the one before or after. */
    public boolean holds(WeekCalendar.Day day) {
        return YearMonth.from(day.date()).equals(month);
    }
}
