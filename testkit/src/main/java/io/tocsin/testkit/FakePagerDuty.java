package io.tocsin.testkit;

import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for PagerDuty's REST API v2 (read side), answering as api.pagerduty.com does: {@code Authorization:
 * Token token=…} required (401 otherwise), offset pagination ({@code limit} at most 100, default 25, {@code more}),
 * schedules with their layers highest first, and every {@code rateLimitEvery}th request refused with 429 and
 * {@code Retry-After}. The account is built with the methods below and kept as PagerDuty shows it.
 */
public final class FakePagerDuty extends FakeRestApi {

    /** A layer as made in PagerDuty's web app: users take turns of {@code turnSeconds} from the virtual start. */
    public record Layer(String name, OffsetDateTime start, OffsetDateTime end, OffsetDateTime rotationVirtualStart,
            long turnSeconds, List<String> userIds, List<Restriction> restrictions) {
    }

    /** {@code daily_restriction} (startDayOfWeek null) or {@code weekly_restriction} (1 is Monday). */
    public record Restriction(LocalTime startTimeOfDay, long durationSeconds, Integer startDayOfWeek) {
    }

    /** A schedule: its layers in the order they were made (the last one made wins), and its overrides. */
    public record Schedule(String id, String name, String timeZone, List<Layer> layers, List<ScheduleOverride> overrides,
            String teamId) {
    }

    public record ScheduleOverride(String userId, OffsetDateTime start, OffsetDateTime end) {
    }

    /** A rule pages its targets ({@code user_reference} or {@code schedule_reference} to an id), then waits. */
    public record Rule(int delayMinutes, List<Map<String, String>> targets) {
    }

    private final String token;
    private final AtomicInteger ids = new AtomicInteger();
    private final List<Map<String, Object>> users = new CopyOnWriteArrayList<>();
    private final Map<String, List<Map<String, Object>>> contactMethods = new HashMap<>();
    private final Map<String, List<Map<String, Object>>> notificationRules = new HashMap<>();
    private final List<Map<String, Object>> teams = new CopyOnWriteArrayList<>();
    private final List<Schedule> schedules = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> policies = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> services = new CopyOnWriteArrayList<>();
    private final Map<String, List<Map<String, Object>>> integrations = new HashMap<>();

    /** Refuses every {@code rateLimitEvery}th request with 429, as PagerDuty does past its rate limit. */
    public FakePagerDuty(int rateLimitEvery) {
        this(rateLimitEvery, HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
    }

    private FakePagerDuty(int rateLimitEvery, String token) {
        super(rateLimitEvery, "Token token=" + token);
        this.token = token;
    }

    /** A REST API key of the account. */
    public String token() {
        return token;
    }

    public List<Schedule> schedules() {
        return List.copyOf(schedules);
    }

    /** The email of the user with this id. */
    public String email(String userId) {
        return users.stream().filter(user -> user.get("id").equals(userId)).map(user -> (String) user.get("email"))
                .findFirst().orElseThrow();
    }

    public String user(String name, String email, String timeZone) {
        String id = id("P");
        users.add(object("id", id, "type", "user", "name", name, "email", email, "time_zone", timeZone, "role", "user"));
        return id;
    }

    /** {@code email_contact_method}, {@code phone_contact_method}, {@code sms_contact_method} or a push one. */
    public String contactMethod(String userId, String type, String label, String address, Integer countryCode) {
        String id = id("PC");
        Map<String, Object> method = object("id", id, "type", type, "label", label, "address", address);
        if (countryCode != null) {
            method.put("country_code", countryCode);
        }
        contactMethods.computeIfAbsent(userId, user -> new CopyOnWriteArrayList<>()).add(method);
        return id;
    }

    public void notificationRule(String userId, String contactMethodId, String contactMethodType, String urgency,
            int delayMinutes) {
        notificationRules.computeIfAbsent(userId, user -> new CopyOnWriteArrayList<>()).add(object("id", id("PN"),
                "type", "assignment_notification_rule", "start_delay_in_minutes", delayMinutes, "urgency", urgency,
                "contact_method", object("id", contactMethodId, "type", contactMethodType + "_reference")));
    }

    public String team(String name) {
        String id = id("PT");
        teams.add(object("id", id, "type", "team", "name", name));
        return id;
    }

    public String schedule(String name, String timeZone, List<Layer> layers, List<ScheduleOverride> overrides, String teamId) {
        String id = id("PS");
        schedules.add(new Schedule(id, name, timeZone, List.copyOf(layers), List.copyOf(overrides), teamId));
        return id;
    }

    public String escalationPolicy(String name, int numLoops, List<Rule> rules, String teamId) {
        String id = id("PE");
        List<Object> escalationRules = new ArrayList<>();
        for (Rule rule : rules) {
            escalationRules.add(object("id", id("PR"), "escalation_delay_in_minutes", rule.delayMinutes(),
                    "targets", rule.targets()));
        }
        policies.add(object("id", id, "type", "escalation_policy", "name", name, "num_loops", numLoops,
                "escalation_rules", escalationRules, "teams", teamId == null ? List.of() : List.of(reference(teamId, "team"))));
        return id;
    }

    /** {@code urgency} "high" or "low", or null for urgency by support hours. */
    public String service(String name, String policyId, String urgency, Integer ackTimeoutSeconds,
            Integer autoResolveSeconds, String teamId) {
        String id = id("PV");
        services.add(object("id", id, "type", "service", "name", name, "status", "active",
                "escalation_policy", reference(policyId, "escalation_policy"),
                "incident_urgency_rule", urgency == null ? object("type", "use_support_hours")
                        : object("type", "constant", "urgency", urgency),
                "acknowledgement_timeout", ackTimeoutSeconds, "auto_resolve_timeout", autoResolveSeconds,
                "teams", teamId == null ? List.of() : List.of(reference(teamId, "team"))));
        return id;
    }

    /** An integration of the service; answers its integration key (32 hex digits, as PagerDuty makes them). */
    public String integration(String serviceId, String type, String name) {
        String key = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        integrations.computeIfAbsent(serviceId, service -> new CopyOnWriteArrayList<>()).add(object("id", id("PI"),
                "type", type, "name", name, "integration_key", key, "service", reference(serviceId, "service_reference")));
        return key;
    }

    @Override
    Object error(int status, String message) {
        return object("error", object("code", status == 401 ? 2006 : status == 429 ? 2020 : 2100, "message", message));
    }

    @Override
    Object answer(String path, Map<String, String> query) {
        String[] parts = path.substring(1).split("/");
        return switch (parts.length) {
            case 1 -> switch (parts[0]) {
                case "users" -> page("users", users, query);
                case "teams" -> page("teams", teams, query);
                case "schedules" -> page("schedules", schedules.stream().map(s -> object("id", s.id(), "type",
                        "schedule", "name", s.name(), "time_zone", s.timeZone())).toList(), query);
                case "escalation_policies" -> page("escalation_policies", policies, query);
                case "services" -> page("services", services.stream().map(this::withIntegrations).toList(), query);
                default -> null;
            };
            case 2 -> parts[0].equals("schedules") ? schedules.stream().filter(s -> s.id().equals(parts[1]))
                    .findFirst().map(s -> object("schedule", schedule(s))).orElse(null) : null;
            case 3 -> switch (parts[0] + "/" + parts[2]) {
                case "users/contact_methods" -> object("contact_methods",
                        contactMethods.getOrDefault(parts[1], List.of()));
                case "users/notification_rules" -> object("notification_rules",
                        notificationRules.getOrDefault(parts[1], List.of()));
                case "schedules/overrides" -> overrides(parts[1], query);
                default -> null;
            };
            case 4 -> parts[0].equals("services") && parts[2].equals("integrations")
                    ? integrations.getOrDefault(parts[1], List.of()).stream()
                            .filter(i -> i.get("id").equals(parts[3])).findFirst()
                            .map(i -> object("integration", i)).orElse(null)
                    : null;
            default -> null;
        };
    }

    /** A service lists its integrations as references; their keys come with GET of each integration. */
    private Map<String, Object> withIntegrations(Map<String, Object> service) {
        Map<String, Object> shown = new LinkedHashMap<>(service);
        shown.put("integrations", integrations.getOrDefault((String) service.get("id"), List.of()).stream()
                .map(i -> object("id", i.get("id"), "type", i.get("type") + "_reference", "summary", i.get("name")))
                .toList());
        return shown;
    }

    private Map<String, Object> schedule(Schedule schedule) {
        List<Object> layers = new ArrayList<>();
        // the API lists the layers highest (last made) first
        for (Layer layer : schedule.layers().reversed()) {
            layers.add(object("id", id("PL"), "name", layer.name(), "start", layer.start().toString(),
                    "end", layer.end() == null ? null : layer.end().toString(),
                    "rotation_virtual_start", layer.rotationVirtualStart().toString(),
                    "rotation_turn_length_seconds", layer.turnSeconds(),
                    "users", layer.userIds().stream().map(user -> object("user", reference(user, "user_reference"))).toList(),
                    "restrictions", layer.restrictions().stream().map(r -> object(
                            "type", r.startDayOfWeek() == null ? "daily_restriction" : "weekly_restriction",
                            "start_time_of_day", r.startTimeOfDay().format(DateTimeFormatter.ofPattern("HH:mm:ss")),
                            "duration_seconds", r.durationSeconds(), "start_day_of_week", r.startDayOfWeek())).toList()));
        }
        return object("id", schedule.id(), "type", "schedule", "name", schedule.name(), "time_zone",
                schedule.timeZone(), "schedule_layers", layers, "teams",
                schedule.teamId() == null ? List.of() : List.of(reference(schedule.teamId(), "team_reference")));
    }

    /** PagerDuty requires since and until, and answers the overrides overlapping them. */
    private Object overrides(String scheduleId, Map<String, String> query) {
        if (!query.containsKey("since") || !query.containsKey("until")) {
            return null;
        }
        Instant since = Instant.parse(query.get("since"));
        Instant until = Instant.parse(query.get("until"));
        return schedules.stream().filter(s -> s.id().equals(scheduleId)).findFirst()
                .map(s -> object("overrides", s.overrides().stream()
                        .filter(o -> o.end().toInstant().isAfter(since) && o.start().toInstant().isBefore(until))
                        .map(o -> object("id", id("PO"), "start", o.start().toString(), "end", o.end().toString(),
                                "user", reference(o.userId(), "user_reference")))
                        .toList()))
                .orElse(null);
    }

    private static Map<String, Object> page(String field, List<?> items, Map<String, String> query) {
        int limit = Math.min(100, Integer.parseInt(query.getOrDefault("limit", "25")));
        int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
        List<?> page = items.subList(Math.min(offset, items.size()), Math.min(offset + limit, items.size()));
        return object(field, page, "limit", limit, "offset", offset, "more", offset + limit < items.size(),
                "total", null);
    }

    private String id(String prefix) {
        return prefix + String.format("%05d", ids.incrementAndGet());
    }

    private static Map<String, Object> reference(String id, String type) {
        return object("id", id, "type", type);
    }

}
