package io.tocsin.cli.config;

import io.tocsin.cli.api.AdminApi;
import io.tocsin.cli.api.ApiRefused;
import io.tocsin.cli.config.ConfigDocument.AlertGrouping;
import io.tocsin.cli.config.ConfigDocument.ContactMethod;
import io.tocsin.cli.config.ConfigDocument.EventRule;
import io.tocsin.cli.config.ConfigDocument.GroupingType;
import io.tocsin.cli.config.ConfigDocument.EscalationPolicy;
import io.tocsin.cli.config.ConfigDocument.Integration;
import io.tocsin.cli.config.ConfigDocument.Level;
import io.tocsin.cli.config.ConfigDocument.MaintenanceWindow;
import io.tocsin.cli.config.ConfigDocument.NotificationRule;
import io.tocsin.cli.config.ConfigDocument.ScheduleOverride;
import io.tocsin.cli.config.ConfigDocument.ResolveWhen;
import io.tocsin.cli.config.ConfigDocument.Restriction;
import io.tocsin.cli.config.ConfigDocument.Rotation;
import io.tocsin.cli.config.ConfigDocument.RuleActions;
import io.tocsin.cli.config.ConfigDocument.Schedule;
import io.tocsin.cli.config.ConfigDocument.Service;
import io.tocsin.cli.config.ConfigDocument.ShiftUnit;
import io.tocsin.cli.config.ConfigDocument.StatusPage;
import io.tocsin.cli.config.ConfigDocument.StormGuard;
import io.tocsin.cli.config.ConfigDocument.Target;
import io.tocsin.cli.config.ConfigDocument.Team;
import io.tocsin.cli.config.ConfigDocument.User;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Urgency;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * The configuration a running Tocsin has now, read through the admin API: as a document, and the ids its objects have
 * there (what the document names, the API wants as ids).
 */
final class Installation {

    /** Objects the document names, by kind and name; and back, by kind and id. */
    static final class Names {

        enum Kind {
            TEAM, USER, SCHEDULE, POLICY, SERVICE
        }

        private final Map<Kind, Map<String, String>> ids = new HashMap<>();
        private final Map<Kind, Map<String, String>> names = new HashMap<>();

        void add(Kind kind, String name, String id) {
            // Tocsin tells names (and emails) apart ignoring case, and so does the document
            ids.computeIfAbsent(kind, k -> new TreeMap<>(String.CASE_INSENSITIVE_ORDER)).put(name, id);
            names.computeIfAbsent(kind, k -> new HashMap<>()).put(id, name);
        }

        String id(Kind kind, String name) {
            return name == null ? null : ids.getOrDefault(kind, Map.of()).get(name);
        }

        boolean has(Kind kind, String name) {
            return id(kind, name) != null;
        }

        String name(Kind kind, String id) {
            if (id == null) {
                return null;
            }
            String name = names.getOrDefault(kind, Map.of()).get(id);
            if (name == null) {
                throw new ApiRefused("The API named " + kind.name().toLowerCase() + " " + id + ", which it did not list:"
                        + " it changed while being read; run the command again");
            }
            return name;
        }
    }

    /** A user's contact method as it is there, with its id and its rules' ids. */
    record Method(String id, ContactMethod method, Map<NotificationRule, String> ruleIds) {
    }

    final ConfigDocument document;
    final Names names;
    final Map<String, List<Method>> methods = new HashMap<>();
    final Map<String, Map<ScheduleOverride, String>> overrideIds = new HashMap<>();
    final Map<String, Map<String, String>> integrationIds = new HashMap<>();
    final Map<String, Map<MaintenanceWindow, String>> maintenanceIds = new HashMap<>();
    final Map<String, String> statusPageIds = new HashMap<>();

    private Installation(AdminApi api) {
        names = new Names();
        List<JsonNode> teams = items(api.get("/api/v1/teams"), "teams");
        List<JsonNode> users = items(api.get("/api/v1/users"), "users");
        List<JsonNode> schedules = items(api.get("/api/v1/schedules"), "schedules");
        List<JsonNode> policies = items(api.get("/api/v1/escalation-policies"), "escalationPolicies");
        List<JsonNode> services = items(api.get("/api/v1/services"), "services");
        List<JsonNode> pages = items(api.get("/api/v1/status-pages"), "statusPages");
        teams.forEach(team -> names.add(Names.Kind.TEAM, team.path("name").asString(), id(team)));
        List<String> withoutEmail = new ArrayList<>();
        for (JsonNode user : users) {
            if (user.path("email").isNull() || user.path("email").asString().isBlank()) {
                withoutEmail.add("'" + user.path("name").asString() + "' (" + id(user) + ")");
            }
            names.add(Names.Kind.USER, user.path("email").asString(), id(user));
        }
        if (!withoutEmail.isEmpty()) {
            throw new ApiRefused("The document names users by email, and user(s) " + String.join(", ", withoutEmail)
                    + " have none: give them one (PUT /api/v1/users/{id} with name and email) and run again");
        }
        schedules.forEach(schedule -> names.add(Names.Kind.SCHEDULE, schedule.path("name").asString(), id(schedule)));
        policies.forEach(policy -> names.add(Names.Kind.POLICY, policy.path("name").asString(), id(policy)));
        services.forEach(service -> names.add(Names.Kind.SERVICE, service.path("name").asString(), id(service)));
        unique(teams, "team", "name");
        unique(users, "user", "email");
        unique(schedules, "schedule", "name");
        unique(policies, "escalation policy", "name");
        unique(services, "service", "name");

        List<User> userDocs = new ArrayList<>();
        for (JsonNode user : users) {
            userDocs.add(user(api, user));
        }
        List<Service> serviceDocs = new ArrayList<>();
        for (JsonNode service : services) {
            serviceDocs.add(service(api, service));
        }
        document = new ConfigDocument(
                teams.stream().map(team -> new Team(team.path("name").asString())).toList(),
                userDocs,
                schedules.stream().map(this::schedule).toList(),
                policies.stream().map(this::policy).toList(),
                serviceDocs,
                pages.stream().map(this::statusPage).toList()).canonical();
    }

    static Installation read(AdminApi api) {
        return new Installation(api);
    }

    private User user(AdminApi api, JsonNode user) {
        String email = user.path("email").asString();
        String path = "/api/v1/users/" + id(user);
        List<JsonNode> rules = items(api.get(path + "/notification-rules"), "notificationRules");
        List<Method> userMethods = new ArrayList<>();
        for (JsonNode method : items(api.get(path + "/contact-methods"), "contactMethods")) {
            Map<NotificationRule, String> ruleIds = new HashMap<>();
            for (JsonNode rule : rules) {
                if (rule.path("contactMethod").path("id").asString().equals(id(method))) {
                    ruleIds.put(new NotificationRule(Urgency.valueOf(rule.path("urgency").asString()),
                            Duration.parse(rule.path("delay").asString())), id(rule));
                }
            }
            userMethods.add(new Method(id(method), new ContactMethod(Channel.valueOf(method.path("channel").asString()),
                    method.path("address").asString(), List.copyOf(ruleIds.keySet())).canonical(), ruleIds));
        }
        methods.put(email, userMethods);
        return new User(email, user.path("name").asString(), userMethods.stream().map(Method::method).toList());
    }

    Schedule schedule(JsonNode schedule) {
        String name = schedule.path("name").asString();
        List<Rotation> rotations = stream(schedule.path("rotations")).map(rotation -> new Rotation(
                rotation.path("name").asString(), rotation.path("layer").asInt(),
                LocalDateTime.parse(rotation.path("start").asString()), rotation.path("shiftLength").asInt(),
                ShiftUnit.valueOf(rotation.path("shiftUnit").asString()),
                stream(rotation.path("participants")).map(user -> names.name(Names.Kind.USER, user.asString())).toList(),
                stream(rotation.path("restrictions")).map(restriction -> new Restriction(
                        stream(restriction.path("days")).map(day -> DayOfWeek.valueOf(day.asString())).toList(),
                        LocalTime.parse(restriction.path("start").asString()),
                        LocalTime.parse(restriction.path("end").asString()))).toList())).toList();
        Map<ScheduleOverride, String> overrides = new HashMap<>();
        for (JsonNode override : schedule.path("overrides")) {
            overrides.put(new ScheduleOverride(names.name(Names.Kind.USER, override.path("userId").asString()),
                    names.name(Names.Kind.USER, text(override, "replacesUserId")),
                    Instant.parse(override.path("startsAt").asString()),
                    Instant.parse(override.path("endsAt").asString())), id(override));
        }
        overrideIds.put(name, overrides);
        return new Schedule(name, names.name(Names.Kind.TEAM, text(schedule, "teamId")),
                schedule.path("timeZone").asString(), rotations, List.copyOf(overrides.keySet())).canonical();
    }

    EscalationPolicy policy(JsonNode policy) {
        List<Level> levels = stream(policy.path("levels")).map(level -> new Level(
                Duration.parse(level.path("delay").asString()),
                stream(level.path("targets")).map(this::target).toList())).toList();
        return new EscalationPolicy(policy.path("name").asString(), names.name(Names.Kind.TEAM, text(policy, "teamId")),
                policy.path("repeatCount").asInt(), levels).canonical();
    }

    private Target target(JsonNode target) {
        String id = target.path("id").asString();
        return switch (target.path("type").asString()) {
            case "USER" -> new Target(names.name(Names.Kind.USER, id), null, null, null);
            case "SCHEDULE" -> new Target(null, names.name(Names.Kind.SCHEDULE, id), null, null);
            case "SLACK_CHANNEL" -> new Target(null, null, id, null);
            case "WEBHOOK" -> new Target(null, null, null, id);
            default -> throw new ApiRefused("The API named an escalation target of type " + target.path("type")
                    + ", which this version of the command line does not know: use the command line of the same"
                    + " version as the server");
        };
    }

    private Service service(AdminApi api, JsonNode service) {
        String name = service.path("name").asString();
        String path = "/api/v1/services/" + id(service);
        Map<String, String> integrations = new HashMap<>();
        List<Integration> integrationDocs = new ArrayList<>();
        for (JsonNode integration : items(api.get(path + "/integrations"), "integrations")) {
            Map<String, String> settings = new TreeMap<>();
            integration.path("settings").properties().forEach(entry -> settings.put(entry.getKey(),
                    entry.getValue().asString()));
            integrations.put(integration.path("name").asString(), id(integration));
            integrationDocs.add(new Integration(integration.path("name").asString(),
                    IntegrationType.valueOf(integration.path("type").asString()), settings,
                    integration.path("enabled").asBoolean(), null,
                    rules(api.get(path + "/integrations/" + id(integration) + "/rules"))));
        }
        integrationIds.put(name, integrations);
        Map<MaintenanceWindow, String> windows = new HashMap<>();
        for (JsonNode window : items(api.get(path + "/maintenance-windows"), "maintenanceWindows")) {
            windows.put(new MaintenanceWindow(Instant.parse(window.path("startsAt").asString()),
                    Instant.parse(window.path("endsAt").asString()), text(window, "reason")), id(window));
        }
        maintenanceIds.put(name, windows);
        return service(service, integrationDocs, List.copyOf(windows.keySet()));
    }

    /** The service's own fields as the document has them, with the integrations and windows given. */
    Service service(JsonNode service, List<Integration> integrations, List<MaintenanceWindow> windows) {
        JsonNode grouping = service.path("alertGrouping");
        JsonNode storm = service.path("stormGuard");
        return new Service(service.path("name").asString(), names.name(Names.Kind.TEAM, text(service, "teamId")),
                names.name(Names.Kind.POLICY, text(service, "escalationPolicyId")),
                Urgency.valueOf(service.path("urgency").asString()), duration(service, "ackTimeout"),
                duration(service, "autoResolveTimeout"),
                grouping.isObject() ? new AlertGrouping(GroupingType.valueOf(grouping.path("type").asString()),
                        duration(grouping, "window"), stream(grouping.path("fields")).map(JsonNode::asString).toList())
                        : null,
                text(service, "resolveWhen") == null ? null : ResolveWhen.valueOf(text(service, "resolveWhen")),
                storm.isObject() ? new StormGuard(storm.path("threshold").asInt(), duration(storm, "window")) : null,
                integrations, windows).canonical();
    }

    /** An integration's event rules as the document has them: routeTo by service name. */
    List<EventRule> rules(JsonNode rules) {
        return stream(rules).map(rule -> {
            JsonNode then = rule.path("then");
            return new EventRule(text(rule, "when"), new RuleActions(
                    names.name(Names.Kind.SERVICE, text(then, "routeTo")),
                    text(then, "urgency") == null ? null : Urgency.valueOf(text(then, "urgency")),
                    text(then, "severity") == null ? null : Severity.valueOf(text(then, "severity")),
                    then.path("suppress").isBoolean() ? then.path("suppress").asBoolean() : null,
                    text(then, "dedupKey"),
                    then.path("drop").isBoolean() ? then.path("drop").asBoolean() : null),
                    rule.path("continue").isBoolean() ? rule.path("continue").asBoolean() : null).canonical();
        }).toList();
    }

    StatusPage statusPage(JsonNode page) {
        statusPageIds.put(page.path("slug").asString(), id(page));
        return new StatusPage(page.path("slug").asString(), page.path("title").asString(),
                stream(page.path("serviceIds")).map(id -> names.name(Names.Kind.SERVICE, id.asString())).toList());
    }

    private static void unique(List<JsonNode> objects, String what, String field) {
        Map<String, Long> counts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        objects.forEach(object -> counts.merge(object.path(field).asString(), 1L, Long::sum));
        counts.forEach((name, count) -> {
            if (count > 1) {
                throw new ApiRefused("There are " + count + " " + what + "s with the " + field + " '" + name + "': the"
                        + " document names them by " + field + ", so give each its own and run again");
            }
        });
    }

    static List<JsonNode> items(JsonNode answer, String field) {
        return stream(answer.path(field)).toList();
    }

    static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    static String id(JsonNode object) {
        return object.path("id").asString();
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    private static Duration duration(JsonNode object, String field) {
        String value = text(object, field);
        return value == null ? null : Duration.parse(value);
    }
}
