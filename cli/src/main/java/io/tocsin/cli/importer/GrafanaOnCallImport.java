package io.tocsin.cli.importer;

import io.tocsin.cli.api.ApiRefused;
import io.tocsin.cli.config.ConfigDocument;
import io.tocsin.cli.config.ConfigDocument.ContactMethod;
import io.tocsin.cli.config.ConfigDocument.EscalationPolicy;
import io.tocsin.cli.config.ConfigDocument.Integration;
import io.tocsin.cli.config.ConfigDocument.Level;
import io.tocsin.cli.config.ConfigDocument.NotificationRule;
import io.tocsin.cli.config.ConfigDocument.Restriction;
import io.tocsin.cli.config.ConfigDocument.Rotation;
import io.tocsin.cli.config.ConfigDocument.Schedule;
import io.tocsin.cli.config.ConfigDocument.ScheduleOverride;
import io.tocsin.cli.config.ConfigDocument.Service;
import io.tocsin.cli.config.ConfigDocument.ShiftUnit;
import io.tocsin.cli.config.ConfigDocument.Target;
import io.tocsin.cli.config.ConfigDocument.Team;
import io.tocsin.cli.config.ConfigDocument.User;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.Urgency;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Grafana OnCall instance through its public API v1 ({@code Authorization: <token>}, {@code next} page links)
 * into a configuration document: web schedules' rolling-users shifts become rotations (the shift's level its layer),
 * override shifts overrides, iCal schedules' events rotations and overrides ({@link OnCallCalendar}), escalation
 * chains policies, and each integration a service of its own with a new key.
 */
final class GrafanaOnCallImport {

    private static final Duration LAST_LEVEL_WAIT = Duration.ofMinutes(5);
    /** OnCall's "repeat escalation" goes round at most five times. */
    private static final int ONCALL_REPEATS = 5;

    private final SourceApi api;
    private final ImportReport report;
    private final Instant now;
    private final Map<String, String> emails = new HashMap<>();
    /** Users' emails by username and by email in lower case: how OnCall finds the users a calendar event names. */
    private final Map<String, String> named = new HashMap<>();
    private final Map<String, String> teams = new HashMap<>();
    private final Map<String, String> schedules = new HashMap<>();
    private final Map<String, String> chains = new HashMap<>();

    GrafanaOnCallImport(String url, String token, ImportReport report, Instant now) {
        this.api = new SourceApi("Grafana OnCall", url, Map.of("Authorization", token));
        this.report = report;
        this.now = now;
    }

    ConfigDocument read() {
        List<Team> teamDocs = new ArrayList<>();
        for (JsonNode team : all("api/v1/teams/")) {
            teams.put(team.path("id").asString(), team.path("name").asString());
            teamDocs.add(new Team(team.path("name").asString()));
        }
        List<JsonNode> userNodes = all("api/v1/users/");
        for (JsonNode user : userNodes) {
            String email = user.path("email").asString();
            emails.put(user.path("id").asString(), email);
            named.put(user.path("username").asString(), email);
            named.put(email.toLowerCase(Locale.ROOT), email);
        }
        Map<String, List<JsonNode>> rules = new HashMap<>();
        for (JsonNode rule : all("api/v1/personal_notification_rules/")) {
            rules.computeIfAbsent(rule.path("user_id").asString(), user -> new ArrayList<>()).add(rule);
        }
        List<User> users = userNodes.stream().map(user -> user(user, rules.getOrDefault(user.path("id").asString(),
                List.of()))).toList();
        Map<String, JsonNode> shifts = new HashMap<>();
        all("api/v1/on_call_shifts/").forEach(shift -> shifts.put(shift.path("id").asString(), shift));
        List<Schedule> scheduleDocs = new ArrayList<>();
        for (JsonNode schedule : all("api/v1/schedules/")) {
            String name = schedule.path("name").asString();
            if (schedule.path("type").asString().equals("ical")) {
                schedules.put(schedule.path("id").asString(), name);
                scheduleDocs.add(calendarSchedule(schedule));
                continue;
            }
            schedules.put(schedule.path("id").asString(), name);
            List<JsonNode> own = new ArrayList<>();
            schedule.path("shifts").forEach(id -> own.add(shifts.get(id.asString())));
            scheduleDocs.add(schedule(schedule, own));
            if (schedule.path("ical_url_overrides").isString() && !schedule.path("ical_url_overrides").asString()
                    .isBlank()) {
                report.notCarried("schedule '" + name + "': its overrides calendar", "only iCal schedules' overrides"
                        + " calendars are read: add its events to the file as overrides");
            }
        }
        Map<String, List<JsonNode>> steps = new HashMap<>();
        for (JsonNode step : all("api/v1/escalation_policies/")) {
            steps.computeIfAbsent(step.path("escalation_chain_id").asString(), chain -> new ArrayList<>()).add(step);
        }
        List<EscalationPolicy> policies = new ArrayList<>();
        for (JsonNode chain : all("api/v1/escalation_chains/")) {
            chains.put(chain.path("id").asString(), chain.path("name").asString());
            policies.add(policy(chain, steps.getOrDefault(chain.path("id").asString(), List.of())));
        }
        List<Service> services = new ArrayList<>();
        for (JsonNode integration : all("api/v1/integrations/")) {
            services.add(service(integration));
        }
        return new ConfigDocument(teamDocs, users, scheduleDocs, policies, services, List.of());
    }

    private User user(JsonNode user, List<JsonNode> rules) {
        String email = user.path("email").asString();
        List<NotificationRule> byEmail = new ArrayList<>();
        Duration after = Duration.ZERO;
        rules.sort(Comparator.comparingInt(rule -> rule.path("position").asInt()));
        for (JsonNode rule : rules) {
            String type = rule.path("type").asString();
            if (rule.path("important").asBoolean()) {
                report.notCarried("user '" + email + "': important notification rule " + type, "Tocsin has no"
                        + " important notifications: its rules page for both urgencies");
            } else if (type.equals("wait")) {
                after = after.plusSeconds(rule.path("duration").asLong());
            } else if (type.equals("notify_by_email")) {
                for (Urgency urgency : Urgency.values()) {
                    byEmail.add(new NotificationRule(urgency, after));
                }
            } else {
                report.notCarried("user '" + email + "': " + type.replace('_', ' '), "OnCall's API does not show"
                        + " phone numbers or Slack and app accounts: add those contact methods in Tocsin");
            }
        }
        return new User(email, user.path("username").asString(),
                List.of(new ContactMethod(Channel.EMAIL, email, byEmail)));
    }

    private Schedule schedule(JsonNode schedule, List<JsonNode> shifts) {
        String name = schedule.path("name").asString();
        ZoneId zone = ZoneId.of(schedule.path("time_zone").asString());
        List<Rotation> rotations = new ArrayList<>();
        List<JsonNode> overrides = new ArrayList<>();
        Set<String> participants = new LinkedHashSet<>();
        for (JsonNode shift : shifts) {
            String where = "schedule '" + name + "', shift '" + shift.path("name").asString() + "'";
            switch (shift.path("type").asString()) {
                case "override" -> overrides.add(shift);
                case "rolling_users" -> {
                    List<List<String>> groups = new ArrayList<>();
                    for (JsonNode group : shift.path("rolling_users")) {
                        List<String> members = new ArrayList<>();
                        group.forEach(user -> members.add(emails.get(user.asString())));
                        groups.add(members);
                        participants.addAll(members);
                    }
                    rotations.addAll(rotations(shift, groups, zone));
                }
                default -> report.notCarried(where + " (" + shift.path("type").asString() + ")",
                        "Tocsin rotations hand over between users: make it a rolling-users shift");
            }
        }
        List<ScheduleOverride> overrideDocs = new ArrayList<>();
        for (JsonNode shift : overrides) {
            Instant start = local(shift, zone).atZone(zone).toInstant();
            Instant end = start.plusSeconds(shift.path("duration").asLong());
            // everyone of the override's groups is on call instead
            for (JsonNode group : shift.path("rolling_users")) {
                group.forEach(user -> overrideDocs.addAll(Rotations.takingOver(emails.get(user.asString()),
                        participants, start, end)));
            }
        }
        return new Schedule(name, teams.get(schedule.path("team_id").asString()), zone.getId(), rotations,
                overrideDocs);
    }

    /**
     * A schedule kept in iCal feeds: its events, fetched from the primary feed (and the overrides feed, if any), as
     * rotations and overrides.
     */
    private Schedule calendarSchedule(JsonNode schedule) {
        String name = schedule.path("name").asString();
        String team = teams.get(schedule.path("team_id").asString());
        ZoneId zone = ZoneId.of(schedule.path("time_zone").asString("UTC"));
        String primary;
        String overrides;
        try {
            primary = api.feed(schedule.path("ical_url_primary").asString());
            overrides = schedule.path("ical_url_overrides").isString()
                    && !schedule.path("ical_url_overrides").asString().isBlank()
                    ? api.feed(schedule.path("ical_url_overrides").asString()) : null;
        } catch (ApiRefused e) {
            // the policies that page it still name it: the schedule is there, empty, for the team to fill
            report.notCarried("schedule '" + name + "' (ical)", "its calendar could not be fetched (" + e.getMessage()
                    + "): it is in the file without turns; add them, then apply");
            return new Schedule(name, team, zone.getId(), List.of(OnCallCalendar.nobody(anyone())), List.of());
        }
        return new OnCallCalendar(name, zone, report,
                user -> named.getOrDefault(user, named.get(user.toLowerCase(Locale.ROOT))), anyone())
                .schedule(team, primary, overrides, now);
    }

    /** The account's first user by email: someone to hold a rotation that never puts anyone on call. */
    private String anyone() {
        return emails.values().stream().sorted().findFirst().orElseThrow(() -> new ApiRefused("Grafana OnCall"
                + " lists no users: there is nobody to import"));
    }

    /**
     * A shift whose groups take turns, all of a group on call together. A Tocsin rotation hands over from one person to
     * the next, and the rotations of a layer add up: so as many rotations in the shift's layer as its largest group
     * has people, the k-th having the k-th person of each group (a smaller group's people again, once each on call).
     */
    private List<Rotation> rotations(JsonNode shift, List<List<String>> groups, ZoneId zone) {
        int largest = groups.stream().mapToInt(List::size).max().orElse(1);
        List<Rotation> rotations = new ArrayList<>();
        for (int k = 0; k < largest; k++) {
            int person = k;
            Rotation rotation = rotation(shift, groups.stream()
                    .map(group -> group.get(person % group.size())).toList(), zone);
            rotations.add(k == 0 ? rotation : new Rotation(rotation.name() + " (" + (k + 1) + " of " + largest + ")",
                    rotation.layer(), rotation.start(), rotation.shiftLength(), rotation.shiftUnit(),
                    rotation.participants(), rotation.restrictions()));
        }
        return rotations;
    }

    /**
     * The group changes every {@code interval} {@code frequency}s from {@code start}; each event lasts
     * {@code duration} from the start's time of day, on the {@code by_day} days (every day, or the start's weekday
     * for weekly shifts, if none): restrictions unless the events fill the whole turn.
     */
    private Rotation rotation(JsonNode shift, List<String> users, ZoneId zone) {
        LocalDateTime start = local(shift, zone);
        int interval = Math.max(1, shift.path("interval").asInt(1));
        ShiftUnit unit = switch (shift.path("frequency").asString()) {
            case "hourly" -> ShiftUnit.HOURS;
            case "daily" -> ShiftUnit.DAYS;
            default -> ShiftUnit.WEEKS;
        };
        Duration turn = switch (unit) {
            case HOURS -> Duration.ofHours(interval);
            case DAYS -> Duration.ofDays(interval);
            case WEEKS -> Duration.ofDays(7L * interval);
        };
        Duration length = Duration.ofSeconds(shift.path("duration").asLong());
        List<Restriction> restrictions = new ArrayList<>();
        List<DayOfWeek> days = new ArrayList<>();
        shift.path("by_day").forEach(day -> days.add(day(day.asString())));
        if (!days.isEmpty() || length.compareTo(turn) < 0) {
            if (days.isEmpty() && unit == ShiftUnit.WEEKS) {
                days.add(start.getDayOfWeek());
            }
            if (days.isEmpty()) {
                restrictions.add(Rotations.daily(start.toLocalTime(), length));
            } else {
                days.forEach(day -> restrictions.addAll(Rotations.window(day, start.toLocalTime(), length)));
            }
        }
        return new Rotation(shift.path("name").asString(), Math.max(1, shift.path("level").asInt(1)), start, interval,
                unit, users, restrictions);
    }

    private EscalationPolicy policy(JsonNode chain, List<JsonNode> steps) {
        String name = chain.path("name").asString();
        steps.sort(Comparator.comparingInt(step -> step.path("position").asInt()));
        List<List<Target>> levels = new ArrayList<>();
        List<Duration> waits = new ArrayList<>();
        int repeats = 0;
        for (JsonNode step : steps) {
            String type = step.path("type").asString();
            switch (type) {
                case "wait" -> {
                    if (!waits.isEmpty()) {
                        waits.set(waits.size() - 1, waits.getLast().plusSeconds(step.path("duration").asLong()));
                    }
                }
                case "notify_persons", "notify_person_next_each_time" -> {
                    List<Target> targets = new ArrayList<>();
                    step.path("persons_to_notify").forEach(user -> targets.add(new Target(emails.get(user.asString()),
                            null, null, null)));
                    levels.add(targets);
                    waits.add(Duration.ZERO);
                }
                case "notify_on_call_from_schedule" -> {
                    levels.add(List.of(new Target(null, schedules.get(step.path("notify_on_call_from_schedule")
                            .asString()), null, null)));
                    waits.add(Duration.ZERO);
                }
                case "repeat_escalation" -> repeats = ONCALL_REPEATS;
                default -> report.notCarried("escalation chain '" + name + "': step " + type, "Tocsin's levels page"
                        + " users, schedules, Slack channels and webhooks");
            }
        }
        List<Level> levelDocs = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            Duration wait = waits.get(i);
            levelDocs.add(new Level(wait.isZero() ? LAST_LEVEL_WAIT : wait, levels.get(i)));
        }
        return new EscalationPolicy(name, teams.get(chain.path("team_id").asString()), repeats, levelDocs);
    }

    private Service service(JsonNode integration) {
        String name = integration.path("name").asString();
        String type = integration.path("type").asString();
        IntegrationType kind = switch (type) {
            case "alertmanager", "grafana_alerting", "grafana" -> type.equals("alertmanager")
                    ? IntegrationType.ALERTMANAGER : IntegrationType.GRAFANA;
            case "webhook", "formatted_webhook" -> IntegrationType.GENERIC;
            case "uptimerobot" -> IntegrationType.UPTIMEROBOT;
            case "amazon_sns" -> IntegrationType.CLOUDWATCH;
            default -> null;
        };
        if (kind == null) {
            report.notCarried("integration '" + name + "' (" + type + ")", "Tocsin has no integration of that kind;"
                    + " its service is there without one");
        }
        report.notCarried("integration '" + name + "': its templates and routes", "Tocsin normalizes alerts itself;"
                + " Jinja templates and routes other than the default do not carry over");
        return new Service(name, teams.get(integration.path("team_id").asString()),
                chains.get(integration.path("default_route").path("escalation_chain_id").asString()), Urgency.HIGH,
                null, null, kind == null ? List.of() : List.of(new Integration(name, kind, Map.of(), null, null)),
                List.of());
    }

    /** The shift's start (local time of its own zone, if it has one) in the schedule's zone. */
    private static LocalDateTime local(JsonNode shift, ZoneId schedule) {
        String own = shift.path("time_zone").isString() ? shift.path("time_zone").asString() : "";
        LocalDateTime start = LocalDateTime.parse(shift.path("start").asString());
        return own.isBlank() ? start : start.atZone(ZoneId.of(own)).withZoneSameInstant(schedule).toLocalDateTime();
    }

    private static DayOfWeek day(String rrule) {
        return switch (rrule) {
            case "MO" -> DayOfWeek.MONDAY;
            case "TU" -> DayOfWeek.TUESDAY;
            case "WE" -> DayOfWeek.WEDNESDAY;
            case "TH" -> DayOfWeek.THURSDAY;
            case "FR" -> DayOfWeek.FRIDAY;
            case "SA" -> DayOfWeek.SATURDAY;
            default -> DayOfWeek.SUNDAY;
        };
    }

    /** Every item of a list endpoint, following {@code next} until it is null. */
    private List<JsonNode> all(String path) {
        List<JsonNode> items = new ArrayList<>();
        for (String next = path; next != null; ) {
            JsonNode page = api.get(next);
            page.path("results").forEach(items::add);
            JsonNode link = page.path("next");
            next = link.isString() && !link.asString().isBlank() ? link.asString() : null;
        }
        return items;
    }
}
