package io.tocsin.routing.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A window in which a rotation is on call: on each of {@code days}, from {@code start} to {@code end} in the
 * schedule's time zone. An {@code end} at or before {@code start} runs into the next day (17:00–09:00 is a
 * night; 00:00–00:00 a whole day).
 */
public record Restriction(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    public Restriction {
        // in week order, so that the schedule's JSON and its ETag are the same on every read
        days = Collections.unmodifiableSortedSet(new TreeSet<>(days));
    }

    /** The window opening on {@code date}, or null if {@code date} is not one of the days. */
    Window windowOn(LocalDate date, ZoneId zone) {
        if (!days.contains(date.getDayOfWeek())) {
            return null;
        }
        LocalDate endDate = end.isAfter(start) ? date : date.plusDays(1);
        return new Window(ZonedTime.instant(date.atTime(start), zone), ZonedTime.instant(endDate.atTime(end), zone));
    }

    /** The instants from {@code start} (inclusive) to {@code end} (exclusive). */
    record Window(Instant start, Instant end) {

        boolean contains(Instant at) {
            return !at.isBefore(start) && at.isBefore(end);
        }
    }
}
