package io.tocsin.routing.console;

import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.schedule.NamedShift;
import io.tocsin.routing.schedule.OverrideBooking;
import io.tocsin.routing.schedule.Schedule;
import io.tocsin.routing.schedule.Schedules;
import io.tocsin.routing.user.User;
import io.tocsin.routing.user.Users;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Schedules in the console: who is on call now in each, a week's or a month's final shifts as a calendar, and
 * overrides added by picking a person and an interval (in the schedule's time zone), booked as the API books them.
 */
@Controller
@RequestMapping("/ui/schedules")
class SchedulePages {

    /** A schedule in the list, with the names of whoever is on call in it now. */
    public record Listed(Schedule schedule, List<String> onCallNow) {
    }

    private final Schedules schedules;
    private final Users users;
    private final OverrideBooking booking;
    private final Clock clock;

    SchedulePages(Schedules schedules, Users users, OverrideBooking booking, Clock clock) {
        this.schedules = schedules;
        this.users = users;
        this.booking = booking;
        this.clock = clock;
    }

    @GetMapping
    String list(Model model) {
        Instant now = clock.instant();
        model.addAttribute("schedules", schedules.all(now).stream()
                .map(schedule -> new Listed(schedule, names(schedule, now)))
                .toList());
        return "console/schedules";
    }

    /** The week holding {@code week} (a local date; today in the schedule's zone if not given). */
    @GetMapping("/{id}")
    String calendar(@PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate week,
            Model model) {
        Schedule schedule = shown(id, model);
        LocalDate today = LocalDate.ofInstant(clock.instant(), schedule.timeZone());
        LocalDate monday = WeekCalendar.weekOf(week == null ? today : week);
        model.addAttribute("calendar", WeekCalendar.of(monday, schedule.timeZone(),
                shifts(schedule, monday, monday.plusWeeks(1)), today));
        model.addAttribute("previous", monday.minusWeeks(1));
        model.addAttribute("next", monday.plusWeeks(1));
        model.addAttribute("users", users.list());
        return "console/schedule";
    }

    /** The month {@code month} ("2026-03"; this month in the schedule's zone if not given), from the same shifts. */
    @GetMapping("/{id}/month")
    String month(@PathVariable UUID id,
            @RequestParam(required = false) YearMonth month, Model model) {
        Schedule schedule = shown(id, model);
        LocalDate today = LocalDate.ofInstant(clock.instant(), schedule.timeZone());
        YearMonth shown = month == null ? YearMonth.from(today) : month;
        model.addAttribute("calendar", MonthCalendar.of(shown, schedule.timeZone(),
                shifts(schedule, MonthCalendar.first(shown), MonthCalendar.end(shown)), today));
        model.addAttribute("previous", shown.minusMonths(1));
        model.addAttribute("next", shown.plusMonths(1));
        return "console/schedule-month";
    }

    /** The schedule as it is now, and who is on call in it now: what both calendars show above the days. */
    private Schedule shown(UUID id, Model model) {
        Instant now = clock.instant();
        Schedule schedule = schedules.find(id, now).orElseThrow(() -> new NotFound("No schedule has id " + id));
        model.addAttribute("schedule", schedule);
        model.addAttribute("onCallNow", names(schedule, now));
        return schedule;
    }

    /** The final shifts from the start of local day {@code from} to the start of {@code until}, with names. */
    private List<NamedShift> shifts(Schedule schedule, LocalDate from, LocalDate until) {
        Instant start = from.atStartOfDay(schedule.timeZone()).toInstant();
        // overrides that ended before now are only kept when asked for from an earlier time
        Schedule since = schedules.find(schedule.id(), start).orElseThrow();
        return NamedShift.of(since.shifts(start, until.atStartOfDay(schedule.timeZone()).toInstant()), users);
    }

    /** Books the override and shows the week it starts in; a mistake is shown above the form instead. */
    @PostMapping("/{id}/overrides")
    String addOverride(@PathVariable UUID id, @RequestParam UUID userId,
            @RequestParam(required = false) UUID replacesUserId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime startsAt,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime endsAt, Model model) {
        ZoneId zone = schedules.find(id, clock.instant()).orElseThrow(() -> new NotFound("No schedule has id " + id))
                .timeZone();
        try {
            booking.add(id, userId, replacesUserId, startsAt.atZone(zone).toInstant(), endsAt.atZone(zone).toInstant());
        } catch (InvalidRequest e) {
            model.addAttribute("overrideError", e.getMessage());
            return calendar(id, startsAt.toLocalDate(), model);
        }
        return "redirect:/ui/schedules/" + id + "?week=" + startsAt.toLocalDate();
    }

    private List<String> names(Schedule schedule, Instant at) {
        return schedule.onCall(at).stream().flatMap(user -> users.find(user).stream()).map(User::name).toList();
    }
}
