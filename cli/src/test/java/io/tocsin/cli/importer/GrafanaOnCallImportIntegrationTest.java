package io.tocsin.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.cli.RunningTocsin;
import io.tocsin.testkit.FakeGrafanaOnCall;
import io.tocsin.testkit.FakeGrafanaOnCall.CalendarEvent;
import io.tocsin.testkit.FakeGrafanaOnCall.CalendarSchedule;
import io.tocsin.testkit.FakeGrafanaOnCall.Shift;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team moves in from Grafana OnCall (OSS archived in March 2026): the import of a realistic instance, applied to a
 * running Tocsin, has the same people on call as OnCall would at instants around the daylight saving changes of 2027.
 */
@ExtendWith(RunningTocsin.class)
class GrafanaOnCallImportIntegrationTest {

    static final FakeGrafanaOnCall ONCALL = new FakeGrafanaOnCall(8);
    static final List<String> USERS = new ArrayList<>();
    static final List<String> WEEKDAYS = List.of("MO", "TU", "WE", "TH", "FR");

    @TempDir
    static Path files;

    @BeforeAll
    static void aRealisticInstance() {
        for (int i = 0; i < 22; i++) {
            String user = ONCALL.user("oncaller" + i, "oncaller" + i + "@example.net");
            USERS.add(user);
            ONCALL.notificationRule(user, "notify_by_email", false, null);
            ONCALL.notificationRule(user, "wait", false, 300);
            ONCALL.notificationRule(user, i % 2 == 0 ? "notify_by_sms" : "notify_by_email", false, null);
            if (i == 3) {
                ONCALL.notificationRule(user, "notify_by_phone_call", true, null);
            }
        }
        String sre = ONCALL.team("SRE");
        String frontend = ONCALL.team("Frontend");
        String data = ONCALL.team("Data");
        String sreSchedule = ONCALL.schedule("SRE", "Europe/Berlin", sre, List.of(
                ONCALL.shift("Weekly", "rolling_users", 1, LocalDateTime.parse("2026-11-02T09:00:00"), 7 * 86400,
                        "weekly", 1, List.of(), groups(0, 4)),
                ONCALL.shift("Business hours", "rolling_users", 2, LocalDateTime.parse("2026-11-02T09:00:00"),
                        8 * 3600, "daily", 1, WEEKDAYS, groups(4, 6)),
                ONCALL.shift("Cover", "override", 0, LocalDateTime.parse("2027-03-28T01:00:00"), 4 * 3600, null, 1,
                        List.of(), groups(6, 7))));
        // pairs take turns: a group of three, one of two, a person alone; a pair swaps in
        String frontendSchedule = ONCALL.schedule("Frontend", "America/New_York", frontend, List.of(
                ONCALL.shift("Daily", "rolling_users", 1, LocalDateTime.parse("2026-12-01T08:00:00"), 86400, "daily",
                        1, List.of(), List.of(USERS.subList(7, 10), USERS.subList(14, 16), List.of(USERS.get(16)))),
                ONCALL.shift("Swap", "override", 0, LocalDateTime.parse("2027-03-14T01:00:00"), 6 * 3600, null, 1,
                        List.of(), List.of(USERS.subList(10, 12)))));
        // a calendar kept in a calendar app: weekday and overnight turns, three taking every third weekend (one named
        // by attendee), one who covers every third Monday evening, one-off cover across the night the clocks go
        // forward, and an overrides calendar
        ONCALL.icalSchedule("Databases", "Europe/London", data, List.of(
                new CalendarEvent(0, USERS.get(17), false, LocalDateTime.parse("2026-11-02T09:00:00"), 8 * 3600,
                        "WEEKLY", 1, WEEKDAYS),
                new CalendarEvent(1, USERS.get(18), false, LocalDateTime.parse("2026-11-02T17:00:00"), 16 * 3600,
                        "DAILY", 1, List.of()),
                new CalendarEvent(0, USERS.get(19), true, LocalDateTime.parse("2026-11-07T00:00:00"), 86400,
                        "WEEKLY", 3, List.of("SA", "SU")),
                new CalendarEvent(0, USERS.get(13), false, LocalDateTime.parse("2026-11-14T00:00:00"), 86400,
                        "WEEKLY", 3, List.of("SA", "SU")),
                new CalendarEvent(0, USERS.get(14), false, LocalDateTime.parse("2026-11-21T00:00:00"), 86400,
                        "WEEKLY", 3, List.of("SA", "SU")),
                new CalendarEvent(2, USERS.get(16), false, LocalDateTime.parse("2026-11-02T18:00:00"), 4 * 3600,
                        "WEEKLY", 3, List.of("MO")),
                new CalendarEvent(2, USERS.get(20), false, LocalDateTime.parse("2027-03-27T22:00:00"), 8 * 3600,
                        null, 1, List.of()),
                new CalendarEvent(0, USERS.get(21), true, LocalDateTime.parse("2027-03-15T12:00:00"), 2 * 3600,
                        null, 1, List.of())), List.of(
                new CalendarEvent(0, USERS.get(12), false, LocalDateTime.parse("2027-03-14T06:00:00"), 6 * 3600,
                        null, 1, List.of())));
        ONCALL.makePrivate(ONCALL.icalSchedule("Warehouse", "UTC", data, List.of(), List.of()));
        String dataSchedule = ONCALL.schedule("Data", "Europe/London", data, List.of(
                ONCALL.shift("Fortnight", "rolling_users", 1, LocalDateTime.parse("2026-11-30T10:00:00"), 3 * 86400,
                        "weekly", 2, List.of(), groups(11, 14))));
        String sreChain = ONCALL.escalationChain("SRE", sre, List.of(
                Map.of("type", "notify_on_call_from_schedule", "notify_on_call_from_schedule", sreSchedule,
                        "important", false),
                Map.of("type", "wait", "duration", 600),
                Map.of("type", "notify_persons", "persons_to_notify", List.of(USERS.get(20)), "important", false),
                Map.of("type", "wait", "duration", 300),
                Map.of("type", "repeat_escalation")));
        String frontendChain = ONCALL.escalationChain("Frontend", frontend, List.of(
                Map.of("type", "notify_on_call_from_schedule", "notify_on_call_from_schedule", frontendSchedule,
                        "important", false),
                Map.of("type", "wait", "duration", 900),
                Map.of("type", "notify_user_group", "group_to_notify", "UG1")));
        String dataChain = ONCALL.escalationChain("Data", data, List.of(Map.of("type",
                "notify_on_call_from_schedule", "notify_on_call_from_schedule", dataSchedule, "important", false)));
        ONCALL.integration("Alertmanager", "alertmanager", sre, sreChain);
        ONCALL.integration("Grafana Alerting", "grafana_alerting", sre, sreChain);
        ONCALL.integration("Deploy hooks", "webhook", frontend, frontendChain);
        ONCALL.integration("Uptime", "uptimerobot", frontend, frontendChain);
        ONCALL.integration("Zabbix", "zabbix", data, dataChain);
    }

    @AfterAll
    static void stop() {
        ONCALL.close();
    }

    @Test
    void whoIsOnCallAcrossTheDaylightSavingChangesIsWhatOnCallSays() throws Exception {
        Path file = files.resolve("oncall.yaml");
        String report = RunningTocsin.tocsin(0, "import", "grafana-oncall", "--api-url", ONCALL.url(),
                "--api-token", ONCALL.token(), "-o", file.toString());
        assertThat(report).contains("user 'oncaller0@example.net': notify by sms",
                "user 'oncaller3@example.net': important notification rule notify_by_phone_call",
                "escalation chain 'Frontend': step notify_user_group", "integration 'Zabbix' (zabbix)",
                "integration 'Alertmanager': its templates and routes",
                "schedule 'Warehouse' (ical): its calendar could not be fetched (127.0.0.1 answered 401");
        assertThat(ONCALL.rateLimited()).as("requests answered 429, waited out and tried again").isPositive();
        assertThat(Files.readString(file)).contains("email: oncaller21@example.net", "- name: Uptime\n    type: UPTIMEROBOT");

        RunningTocsin.Instance tocsin = MovedIn.apply(file);
        Set<String> seen = MovedIn.assertOnCallAsInSource(tocsin, ONCALL.schedules(), FakeGrafanaOnCall.Schedule::name, OnCallReference::onCall);
        Set<String> fromCalendar = MovedIn.assertOnCallAsInSource(tocsin, ONCALL.calendarSchedules(),
                CalendarSchedule::name, CalendarReference::onCall);
        assertThat(fromCalendar).containsExactlyInAnyOrder("oncaller12@example.net", "oncaller14@example.net",
                "oncaller16@example.net", "oncaller17@example.net",
                "oncaller18@example.net", "oncaller19@example.net", "oncaller20@example.net",
                "oncaller21@example.net");
        assertThat(Files.readString(file)).as("the turns that recur every day or week are rotations")
                .contains("participants:\n    - oncaller17@example.net", "participants:\n    - oncaller18@example.net",
                        "participants:\n    - oncaller19@example.net\n    - oncaller13@example.net\n"
                                + "    - oncaller14@example.net")
                .doesNotContain("participants:\n    - oncaller16@example.net");
        assertThat(seen).contains("oncaller6@example.net", "oncaller10@example.net", "oncaller11@example.net",
                "oncaller4@example.net", "oncaller9@example.net", "oncaller15@example.net").hasSizeGreaterThan(8);
    }

    private static List<List<String>> groups(int from, int to) {
        return USERS.subList(from, to).stream().map(List::of).toList();
    }

    /**
     * Who OnCall has on call, worked out from the fake's shifts as OnCall's documentation describes them: an override
     * wins, then the highest level with someone on call; a rolling shift's next group takes over every interval, on
     * call during its events (from the start's time of day, for the duration, on the chosen days).
     */
    static final class OnCallReference {

        static Set<String> onCall(FakeGrafanaOnCall.Schedule schedule, Instant at) {
            ZoneId zone = ZoneId.of(schedule.timeZone());
            for (Shift shift : schedule.shifts()) {
                Instant start = shift.start().atZone(zone).toInstant();
                if (shift.type().equals("override") && !at.isBefore(start)
                        && at.isBefore(start.plusSeconds(shift.durationSeconds()))) {
                    return emails(shift.rollingUsers().getFirst());
                }
            }
            Set<String> onCall = new TreeSet<>();
            int top = 0;
            for (Shift shift : schedule.shifts()) {
                if (!shift.type().equals("rolling_users") || !inEvent(shift, at, zone)) {
                    continue;
                }
                long turn = 0;
                while (!handoff(shift, turn + 1, zone).isAfter(at)) {
                    turn++;
                }
                Set<String> group = emails(shift.rollingUsers().get((int) (turn % shift.rollingUsers().size())));
                if (shift.level() > top) {
                    onCall.clear();
                    top = shift.level();
                }
                if (shift.level() == top) {
                    onCall.addAll(group);
                }
            }
            return onCall;
        }

        /** All of a group are on call together. */
        private static Set<String> emails(List<String> group) {
            Set<String> emails = new TreeSet<>();
            group.forEach(user -> emails.add(ONCALL.email(user)));
            return emails;
        }

        private static Instant handoff(Shift shift, long turn, ZoneId zone) {
            long n = turn * shift.interval();
            return switch (shift.frequency()) {
                case "hourly" -> shift.start().atZone(zone).toInstant().plusSeconds(n * 3600);
                case "daily" -> shift.start().plusDays(n).atZone(zone).toInstant();
                default -> shift.start().plusWeeks(n).atZone(zone).toInstant();
            };
        }

        private static boolean inEvent(Shift shift, Instant at, ZoneId zone) {
            long turnSeconds = shift.interval() * switch (shift.frequency()) {
                case "hourly" -> 3600L;
                case "daily" -> 86400L;
                default -> 7 * 86400L;
            };
            if (shift.byDay().isEmpty() && shift.durationSeconds() >= turnSeconds) {
                return true;
            }
            LocalDate today = at.atZone(zone).toLocalDate();
            for (LocalDate day = today.minusDays(7); !day.isAfter(today); day = day.plusDays(1)) {
                boolean eventDay = shift.byDay().isEmpty()
                        ? shift.frequency().equals("daily") || day.getDayOfWeek() == shift.start().getDayOfWeek()
                        : shift.byDay().contains(day.getDayOfWeek().name().substring(0, 2));
                if (!eventDay) {
                    continue;
                }
                LocalDateTime opens = day.atTime(shift.start().toLocalTime());
                if (!at.isBefore(opens.atZone(zone).toInstant())
                        && at.isBefore(opens.plusSeconds(shift.durationSeconds()).atZone(zone).toInstant())) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Who OnCall has on call from a calendar schedule, worked out from the fake's events as OnCall's documentation
     * and its calendar reading describe them: the overrides calendar if it has someone on call, else the primary; in
     * a calendar, everyone of the highest priority ({@code [L<n>]}) with someone on call. An event recurs on the days
     * its rule gives (weekly: in every {@code interval}th week, weeks starting on Monday), each occurrence lasting as
     * long on the wall clock as the first.
     */
    static final class CalendarReference {

        static Set<String> onCall(CalendarSchedule schedule, Instant at) {
            ZoneId zone = ZoneId.of(schedule.timeZone());
            Set<String> overrides = onCall(schedule.overrides(), at, zone);
            return overrides.isEmpty() ? onCall(schedule.primary(), at, zone) : overrides;
        }

        private static Set<String> onCall(List<CalendarEvent> events, Instant at, ZoneId zone) {
            Set<String> onCall = new TreeSet<>();
            int top = -1;
            for (CalendarEvent event : events) {
                if (!inEvent(event, at, zone) || event.priority() < top) {
                    continue;
                }
                if (event.priority() > top) {
                    onCall.clear();
                    top = event.priority();
                }
                onCall.add(ONCALL.email(event.userId()));
            }
            return onCall;
        }

        private static boolean inEvent(CalendarEvent event, Instant at, ZoneId zone) {
            LocalDate today = at.atZone(zone).toLocalDate();
            for (LocalDate day = today.minusDays(8); !day.isAfter(today); day = day.plusDays(1)) {
                if (occursOn(event, day)) {
                    LocalDateTime opens = day.atTime(event.start().toLocalTime());
                    if (!at.isBefore(opens.atZone(zone).toInstant())
                            && at.isBefore(opens.plusSeconds(event.durationSeconds()).atZone(zone).toInstant())) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static boolean occursOn(CalendarEvent event, LocalDate day) {
            LocalDate first = event.start().toLocalDate();
            if (event.frequency() == null || day.isBefore(first)) {
                return day.equals(first);
            }
            String weekday = day.getDayOfWeek().name().substring(0, 2);
            if (event.frequency().equals("DAILY")) {
                return ChronoUnit.DAYS.between(first, day) % event.interval() == 0
                        && (event.byDay().isEmpty() || event.byDay().contains(weekday));
            }
            long weeks = ChronoUnit.WEEKS.between(first.with(DayOfWeek.MONDAY), day.with(DayOfWeek.MONDAY));
            return weeks % event.interval() == 0 && (event.byDay().isEmpty()
                    ? day.getDayOfWeek() == first.getDayOfWeek() : event.byDay().contains(weekday));
        }
    }
}
