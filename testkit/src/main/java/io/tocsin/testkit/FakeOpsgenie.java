package io.tocsin.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A local stand-in for Opsgenie's REST API (read side), answering as api.opsgenie.com does: {@code Authorization:
 * GenieKey …} required, lists in {@code data} with {@code paging.next} links ({@code limit} at most 100, default 20),
 * schedules with their rotations ({@code expand=rotation}), and every {@code rateLimitEvery}th request refused with 429.
 */
public final class FakeOpsgenie extends FakeRestApi {

    /** Users take turns of {@code length} {@code type}s (hourly, daily, weekly) from {@code startDate}. */
    public record Rotation(String name, Instant startDate, String type, int length, List<String> userIds,
            TimeRestriction restriction) {
    }

    /** {@code time-of-day} (windows without days) or {@code weekday-and-time-of-day}; null: around the clock. */
    public record TimeRestriction(String type, List<Window> windows) {
    }

    /** From startDay startHour:startMin to endDay endHour:endMin (days lower case, e.g. "monday"; null every day). */
    public record Window(String startDay, int startHour, int startMin, String endDay, int endHour, int endMin) {
    }

    /** A schedule: its rotations are on call together. */
    public record Schedule(String id, String name, String timezone, String teamId, List<Rotation> rotations,
            List<ScheduleOverride> overrides) {
    }

    public record ScheduleOverride(String userId, Instant startDate, Instant endDate) {
    }

    /** Notify {@code recipientType} ("user", "schedule", "team") {@code recipientId} this long after the alert. */
    public record EscalationRule(int delayMinutes, String recipientType, String recipientId) {
    }

    public record Step(int sendAfterMinutes, String method, String to) {
    }

    private final String key;
    private final List<Map<String, Object>> users = new CopyOnWriteArrayList<>();
    private final Map<String, List<Map<String, Object>>> contacts = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, Object>>> rules = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, Object>>> steps = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> teams = new CopyOnWriteArrayList<>();
    private final List<Schedule> schedules = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> escalations = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> services = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> integrations = new CopyOnWriteArrayList<>();

    public FakeOpsgenie(int rateLimitEvery) {
        this(rateLimitEvery, UUID.randomUUID().toString());
    }

    private FakeOpsgenie(int rateLimitEvery, String key) {
        super(rateLimitEvery, "GenieKey " + key);
        this.key = key;
    }

    /** An API key of the account. */
    public String key() {
        return key;
    }

    public List<Schedule> schedules() {
        return List.copyOf(schedules);
    }

    public String username(String userId) {
        return users.stream().filter(user -> user.get("id").equals(userId)).map(user -> (String) user.get("username"))
                .findFirst().orElseThrow();
    }

    public String user(String fullName, String username, String timeZone) {
        String id = UUID.randomUUID().toString();
        users.add(object("id", id, "username", username, "fullName", fullName, "role", object("id", "User", "name",
                "User"), "timeZone", timeZone, "verified", true));
        return id;
    }

    /** {@code method} email, sms, voice or mobile; phone numbers as Opsgenie writes them ("1-2015550123"). */
    public void contact(String userId, String method, String to) {
        contacts.computeIfAbsent(userId, user -> new CopyOnWriteArrayList<>()).add(object("id",
                UUID.randomUUID().toString(), "method", method, "to", to, "status", object("enabled", true)));
    }

    /** {@code actionType} create-alert, acknowledged-alert, closed-alert, schedule-start…; steps in order. */
    public void notificationRule(String userId, String name, String actionType, List<Step> ruleSteps) {
        String id = UUID.randomUUID().toString();
        List<Map<String, Object>> list = rules.computeIfAbsent(userId, user -> new CopyOnWriteArrayList<>());
        list.add(object("id", id, "name", name, "actionType", actionType, "order", list.size() + 1, "enabled", true));
        steps.put(id, ruleSteps.stream().map(step -> object("id", UUID.randomUUID().toString(), "sendAfter",
                object("timeAmount", step.sendAfterMinutes(), "timeUnit", "minutes"), "contact",
                object("method", step.method(), "to", step.to()), "enabled", true)).toList());
    }

    public String team(String name) {
        String id = UUID.randomUUID().toString();
        teams.add(object("id", id, "name", name, "description", ""));
        return id;
    }

    public String schedule(String name, String timezone, String teamId, List<Rotation> rotations,
            List<ScheduleOverride> overrides) {
        String id = UUID.randomUUID().toString();
        schedules.add(new Schedule(id, name, timezone, teamId, List.copyOf(rotations), List.copyOf(overrides)));
        return id;
    }

    public String escalation(String name, String teamId, List<EscalationRule> escalationRules, int repeatCount,
            int waitIntervalMinutes) {
        String id = UUID.randomUUID().toString();
        escalations.add(object("id", id, "name", name, "description", "", "ownerTeam", teamReference(teamId),
                "rules", escalationRules.stream().map(rule -> object("condition", "if-not-acked", "notifyType",
                        "default", "delay", object("timeAmount", rule.delayMinutes(), "timeUnit", "minutes"),
                        "recipient", object("type", rule.recipientType(), "id", rule.recipientId()))).toList(),
                "repeat", object("waitInterval", waitIntervalMinutes, "count", repeatCount,
                        "resetRecipientStates", false, "closeAlertAfterAll", false)));
        return id;
    }

    public void service(String name, String teamId) {
        services.add(object("id", UUID.randomUUID().toString(), "name", name, "teamId", teamId, "description", ""));
    }

    /** {@code type} as Opsgenie names it: API, Prometheus, Grafana, Email, Datadog… */
    public void integration(String name, String type, String teamId) {
        integrations.add(object("id", UUID.randomUUID().toString(), "name", name, "type", type, "enabled", true,
                "teamId", teamId));
    }

    @Override
    Object error(int status, String message) {
        return object("message", message, "took", 0.001, "requestId", UUID.randomUUID().toString());
    }

    @Override
    Object answer(String path, Map<String, String> query) {
        String[] parts = path.substring(1).split("/");
        String joined = String.join("/", parts);
        if (joined.equals("v2/users")) {
            return page("/v2/users", users, query);
        }
        if (joined.equals("v2/teams")) {
            return data(teams);
        }
        if (joined.equals("v2/schedules")) {
            return page("/v2/schedules", schedules.stream().map(s -> schedule(s,
                    "rotation".equals(query.get("expand")))).toList(), query);
        }
        if (joined.equals("v2/escalations")) {
            return data(escalations);
        }
        if (joined.equals("v2/integrations")) {
            return data(integrations);
        }
        if (joined.equals("v1/services")) {
            return page("/v1/services", services, query);
        }
        if (parts.length == 4 && parts[1].equals("users") && parts[3].equals("contacts")) {
            return data(contacts.getOrDefault(parts[2], List.of()));
        }
        if (parts.length == 4 && parts[1].equals("users") && parts[3].equals("notification-rules")) {
            return data(rules.getOrDefault(parts[2], List.of()));
        }
        if (parts.length == 6 && parts[3].equals("notification-rules") && parts[5].equals("steps")) {
            return steps.containsKey(parts[4]) ? data(steps.get(parts[4])) : null;
        }
        if (parts.length == 4 && parts[1].equals("schedules") && parts[3].equals("overrides")) {
            return schedules.stream().filter(s -> s.id().equals(parts[2])).findFirst().map(s -> data(s.overrides()
                    .stream().map(o -> object("alias", HexFormat.of().toHexDigits(ThreadLocalRandom.current()
                            .nextInt()), "user", object("type", "user", "id", o.userId(), "username",
                            username(o.userId())), "startDate", o.startDate().toString(), "endDate",
                            o.endDate().toString(), "rotations", List.of())).toList())).orElse(null);
        }
        return null;
    }

    private Map<String, Object> schedule(Schedule schedule, boolean withRotations) {
        Map<String, Object> shown = object("id", schedule.id(), "name", schedule.name(), "description", "",
                "timezone", schedule.timezone(), "enabled", true, "ownerTeam", teamReference(schedule.teamId()));
        if (withRotations) {
            List<Object> rotations = new ArrayList<>();
            for (Rotation rotation : schedule.rotations()) {
                Map<String, Object> shownRotation = object("id", UUID.randomUUID().toString(), "name", rotation.name(),
                        "startDate", rotation.startDate().toString(), "type", rotation.type(), "length",
                        rotation.length(), "participants", rotation.userIds().stream().map(user -> object("type",
                                "user", "id", user, "username", username(user))).toList());
                if (rotation.restriction() != null) {
                    shownRotation.put("timeRestriction", restriction(rotation.restriction()));
                }
                rotations.add(shownRotation);
            }
            shown.put("rotations", rotations);
        }
        return shown;
    }

    private static Map<String, Object> restriction(TimeRestriction restriction) {
        if (restriction.type().equals("time-of-day")) {
            Window window = restriction.windows().getFirst();
            return object("type", "time-of-day", "restriction", object("startHour", window.startHour(), "startMin",
                    window.startMin(), "endHour", window.endHour(), "endMin", window.endMin()));
        }
        return object("type", restriction.type(), "restrictions", restriction.windows().stream().map(window -> object(
                "startDay", window.startDay(), "startHour", window.startHour(), "startMin", window.startMin(),
                "endDay", window.endDay(), "endHour", window.endHour(), "endMin", window.endMin())).toList());
    }

    private Map<String, Object> teamReference(String teamId) {
        return teams.stream().filter(team -> team.get("id").equals(teamId)).findFirst()
                .map(team -> object("id", team.get("id"), "name", team.get("name"))).orElse(null);
    }

    private Map<String, Object> page(String path, List<?> items, Map<String, String> query) {
        int limit = Math.min(100, Integer.parseInt(query.getOrDefault("limit", "20")));
        int offset = Integer.parseInt(query.getOrDefault("offset", "0"));
        Map<String, Object> answer = data(items.subList(Math.min(offset, items.size()),
                Math.min(offset + limit, items.size())));
        answer.put("totalCount", items.size());
        String expand = query.containsKey("expand") ? "&expand=" + query.get("expand") : "";
        Map<String, Object> paging = object("first", url() + path + "?limit=" + limit + "&offset=0" + expand);
        if (offset + limit < items.size()) {
            paging.put("next", url() + path + "?limit=" + limit + "&offset=" + (offset + limit) + expand);
        }
        answer.put("paging", paging);
        return answer;
    }

    private static Map<String, Object> data(List<?> items) {
        return object("data", items, "took", 0.01, "requestId", UUID.randomUUID().toString());
    }
}
