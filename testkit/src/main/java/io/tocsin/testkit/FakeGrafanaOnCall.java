package io.tocsin.testkit;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Grafana OnCall's public API v1 (read side): {@code Authorization: <token>} required, lists as
 * {@code results} with a {@code next} page link (page size 10 here, 50 in OnCall), and every {@code rateLimitEvery}th
 * request refused with 429.
 */
public final class FakeGrafanaOnCall extends FakeRestApi {

    /**
     * A rolling-users or override shift: from {@code start} (local time of the schedule), each event lasting
     * {@code durationSeconds}, on {@code byDay} (MO, TU…; empty: every day, or the start's weekday when weekly), the
     * next group of {@code rollingUsers} every {@code interval} {@code frequency}s.
     */
    public record Shift(String id, String name, String type, int level, LocalDateTime start, long durationSeconds,
            String frequency, int interval, List<String> byDay, List<List<String>> rollingUsers) {
    }

    public record Schedule(String id, String name, String timeZone, String teamId, List<Shift> shifts) {
    }

    /**
     * An event of an iCal schedule's feed, as a calendar app exports it: {@code userId}'s username in the SUMMARY
     * (after {@code [L<priority>]} if the priority is above 0), or their email as the ATTENDEE when
     * {@code asAttendee}; from {@code start} (wall time of the schedule's zone) for {@code durationSeconds} of wall
     * time; once ({@code frequency} null) or DAILY / WEEKLY every {@code interval}, on {@code byDay} (MO, TU…; empty:
     * every day, or the start's weekday when weekly).
     */
    public record CalendarEvent(int priority, String userId, boolean asAttendee, LocalDateTime start,
            long durationSeconds, String frequency, int interval, List<String> byDay) {
    }

    /** A schedule imported from iCal feeds: the primary and (if any events) the overrides feed. */
    public record CalendarSchedule(String id, String name, String timeZone, List<CalendarEvent> primary,
            List<CalendarEvent> overrides) {
    }

    private final String token;
    private final AtomicInteger ids = new AtomicInteger();
    private final List<Map<String, Object>> users = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> rules = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> teams = new CopyOnWriteArrayList<>();
    private final List<Schedule> schedules = new CopyOnWriteArrayList<>();
    private final List<CalendarSchedule> calendarSchedules = new CopyOnWriteArrayList<>();
    private final Map<String, String> teamOfCalendar = new ConcurrentHashMap<>();
    private final Set<String> privateCalendars = ConcurrentHashMap.newKeySet();
    private final List<Map<String, Object>> chains = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> policies = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> integrations = new CopyOnWriteArrayList<>();

    private FakeGrafanaOnCall(int rateLimitEvery, String token) {
        super(rateLimitEvery, token);
        this.token = token;
    }

    public FakeGrafanaOnCall(int rateLimitEvery) {
        this(rateLimitEvery, "oncall-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
    }

    public String token() {
        return token;
    }

    public List<Schedule> schedules() {
        return List.copyOf(schedules);
    }

    public List<CalendarSchedule> calendarSchedules() {
        return List.copyOf(calendarSchedules);
    }

    public String email(String userId) {
        return users.stream().filter(user -> user.get("id").equals(userId)).map(user -> (String) user.get("email"))
                .findFirst().orElseThrow();
    }

    public String user(String username, String email) {
        String id = id("U");
        users.add(object("id", id, "email", email, "slack", List.of(), "username", username, "role", "user",
                "is_phone_number_verified", true, "timezone", "UTC", "teams", List.of()));
        return id;
    }

    /** {@code type} notify_by_email, notify_by_sms, notify_by_mobile_app…, or wait (for {@code durationSeconds}). */
    public void notificationRule(String userId, String type, boolean important, Integer durationSeconds) {
        long position = rules.stream().filter(rule -> rule.get("user_id").equals(userId)).count();
        Map<String, Object> rule = object("id", id("N"), "user_id", userId, "position", position, "important",
                important, "type", type);
        if (durationSeconds != null) {
            rule.put("duration", durationSeconds);
        }
        rules.add(rule);
    }

    public String team(String name) {
        String id = id("T");
        teams.add(object("id", id, "name", name, "email", "", "avatar_url", ""));
        return id;
    }

    public String schedule(String name, String timeZone, String teamId, List<Shift> shifts) {
        String id = id("S");
        schedules.add(new Schedule(id, name, timeZone, teamId, List.copyOf(shifts)));
        return id;
    }

    /**
     * A schedule imported from iCal feeds, served here (without the API's token, as a calendar host serves them): the
     * API shows the feeds' addresses and no shifts.
     */
    public String icalSchedule(String name, String timeZone, String teamId, List<CalendarEvent> primary,
            List<CalendarEvent> overrides) {
        String id = id("S");
        calendarSchedules.add(new CalendarSchedule(id, name, timeZone, List.copyOf(primary), List.copyOf(overrides)));
        teamOfCalendar.put(id, teamId);
        return id;
    }

    /** The schedule's feeds are made private at the calendar host: fetching them is refused from now on. */
    public void makePrivate(String calendarScheduleId) {
        privateCalendars.add(calendarScheduleId);
    }

    /** A shift (its id made here) to give {@link #schedule}. */
    public Shift shift(String name, String type, int level, LocalDateTime start, long durationSeconds, String frequency,
            int interval, List<String> byDay, List<List<String>> rollingUsers) {
        return new Shift(id("O"), name, type, level, start, durationSeconds, frequency, interval, byDay, rollingUsers);
    }

    /** Steps as OnCall's API shows them: maps with type, position and the type's fields. */
    public String escalationChain(String name, String teamId, List<Map<String, Object>> steps) {
        String id = id("F");
        chains.add(object("id", id, "team_id", teamId, "name", name));
        for (int i = 0; i < steps.size(); i++) {
            Map<String, Object> step = object("id", id("E"), "escalation_chain_id", id, "position", i);
            step.putAll(steps.get(i));
            policies.add(step);
        }
        return id;
    }

    public void integration(String name, String type, String teamId, String chainId) {
        integrations.add(object("id", id("C"), "name", name, "team_id", teamId, "type", type,
                "link", url() + "/integrations/v1/" + type + "/" + id("K") + "/",
                "default_route", object("id", id("R"), "escalation_chain_id", chainId)));
    }

    @Override
    String feed(String path) {
        for (CalendarSchedule schedule : calendarSchedules) {
            if (privateCalendars.contains(schedule.id())) {
                continue;
            }
            if (path.equals(feedPath(schedule, "primary"))) {
                return IcalFeed.write(schedule.name(), ZoneId.of(schedule.timeZone()), schedule.primary(),
                        this::username, this::email);
            }
            if (path.equals(feedPath(schedule, "overrides"))) {
                return IcalFeed.write(schedule.name() + " overrides", ZoneId.of(schedule.timeZone()),
                        schedule.overrides(), this::username, this::email);
            }
        }
        return null;
    }

    private static String feedPath(CalendarSchedule schedule, String which) {
        return "/calendars/" + schedule.id() + "/" + which + ".ics";
    }

    private String username(String userId) {
        return users.stream().filter(user -> user.get("id").equals(userId)).map(user -> (String) user.get("username"))
                .findFirst().orElseThrow();
    }

    @Override
    Object error(int status, String message) {
        return object("detail", message);
    }

    @Override
    Object answer(String path, Map<String, String> query) {
        List<?> items = switch (path) {
            case "/api/v1/users/" -> users;
            case "/api/v1/personal_notification_rules/" -> rules;
            case "/api/v1/teams/" -> teams;
            case "/api/v1/schedules/" -> java.util.stream.Stream.concat(schedules.stream().map(s -> object("id",
                    s.id(), "team_id", s.teamId(), "name", s.name(), "type", "web", "time_zone", s.timeZone(),
                    "on_call_now", List.of(), "shifts", s.shifts().stream().map(Shift::id).toList())),
                    calendarSchedules.stream().map(s -> object("id", s.id(), "team_id", teamOfCalendar.get(s.id()),
                            "name", s.name(), "type", "ical", "time_zone", s.timeZone(), "ical_url_primary",
                            url() + feedPath(s, "primary"), "ical_url_overrides", s.overrides().isEmpty() ? null
                            : url() + feedPath(s, "overrides"), "on_call_now", List.of()))).toList();
            case "/api/v1/on_call_shifts/" -> schedules.stream().flatMap(s -> s.shifts().stream().map(shift -> object(
                    "id", shift.id(), "team_id", s.teamId(), "schedule", s.id(), "name", shift.name(), "type",
                    shift.type(), "time_zone", null, "level", shift.level(), "start", shift.start().toString(),
                    "rotation_start", shift.start().toString(), "duration", shift.durationSeconds(), "frequency",
                    shift.frequency(), "interval", shift.interval(), "by_day", shift.byDay(), "week_start", "MO",
                    "rolling_users", shift.rollingUsers(), "until", null))).toList();
            case "/api/v1/escalation_chains/" -> chains;
            case "/api/v1/escalation_policies/" -> policies;
            case "/api/v1/integrations/" -> integrations;
            default -> null;
        };
        if (items == null) {
            return null;
        }
        int size = 10;
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int pages = Math.max(1, (items.size() + size - 1) / size);
        List<Object> results = new ArrayList<>(items.subList(Math.min((page - 1) * size, items.size()),
                Math.min(page * size, items.size())));
        return object("count", items.size(), "next", page < pages ? url() + path + "?page=" + (page + 1) : null,
                "previous", page > 1 ? url() + path + "?page=" + (page - 1) : null, "results", results,
                "page_size", size, "current_page_number", page, "total_pages", pages);
    }

    private String id(String prefix) {
        return prefix + String.format("%08d", ids.incrementAndGet());
    }
}
