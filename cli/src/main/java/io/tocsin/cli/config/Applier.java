package io.tocsin.cli.config;

import io.tocsin.cli.api.AdminApi;
import io.tocsin.cli.api.ApiRefused;
import io.tocsin.cli.config.ConfigDocument.ContactMethod;
import io.tocsin.cli.config.ConfigDocument.EscalationPolicy;
import io.tocsin.cli.config.ConfigDocument.EventRule;
import io.tocsin.cli.config.ConfigDocument.Integration;
import io.tocsin.cli.config.ConfigDocument.MaintenanceWindow;
import io.tocsin.cli.config.ConfigDocument.NotificationRule;
import io.tocsin.cli.config.ConfigDocument.ScheduleOverride;
import io.tocsin.cli.config.ConfigDocument.Rotation;
import io.tocsin.cli.config.ConfigDocument.RuleActions;
import io.tocsin.cli.config.ConfigDocument.Schedule;
import io.tocsin.cli.config.ConfigDocument.Service;
import io.tocsin.cli.config.ConfigDocument.StatusPage;
import io.tocsin.cli.config.ConfigDocument.Target;
import io.tocsin.cli.config.ConfigDocument.Team;
import io.tocsin.cli.config.ConfigDocument.User;
import io.tocsin.cli.config.Installation.Method;
import io.tocsin.cli.config.Installation.Names.Kind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Makes a plan's changes through the admin API, one call per change (so one audit entry each). An update first reads
 * the object again and goes ahead only if it is as planned, sending its ETag in If-Match so that a change made
 * meanwhile is refused rather than overwritten.
 */
final class Applier {

    private final AdminApi api;
    private final Installation installation;
    private final Installation.Names names;
    private final PrintWriter out;
    /** Rules may route to a service made after their own: they are set after all services. */
    private final List<Runnable> rulesToSet = new ArrayList<>();

    Applier(AdminApi api, Installation installation, PrintWriter out) {
        this.api = api;
        this.installation = installation;
        this.names = installation.names;
        this.out = out;
    }

    void apply(Plan plan) {
        for (Plan.Change change : plan.changes()) {
            if (!change.what().equals("service")) {
                setRules();
            }
            if (change.step() != null) {
                change.step().apply(this);
            }
        }
        setRules();
    }

    /** Sets the event rules waiting for every service they route to, once the services are all there. */
    private void setRules() {
        rulesToSet.forEach(Runnable::run);
        rulesToSet.clear();
    }

    void createTeam(Team team) {
        JsonNode created = api.post("/api/v1/teams", Map.of("name", team.name()));
        names.add(Kind.TEAM, team.name(), Installation.id(created));
    }

    void deleteTeam(Team team) {
        String path = "/api/v1/teams/" + names.id(Kind.TEAM, team.name());
        api.delete(path, api.read(path).etag());
    }

    void createUser(User user) {
        JsonNode created = api.post("/api/v1/users", userBody(user));
        names.add(Kind.USER, user.email(), Installation.id(created));
        user.contactMethods().forEach(method -> addContactMethod(user.email(), method));
    }

    void updateUser(User before, User after) {
        String path = userPath(after.email());
        if (!Objects.equals(before.name(), after.name())) {
            AdminApi.Read current = api.read(path);
            unchanged("user", after.email(), before.name(), current.body().path("name").asString());
            api.put(path, current.etag(), userBody(after));
        }
        Map<String, Method> have = new HashMap<>();
        installation.methods.getOrDefault(after.email(), List.of())
                .forEach(method -> have.put(methodKey(method.method()), method));
        for (ContactMethod method : after.contactMethods()) {
            Method old = have.remove(methodKey(method));
            if (old == null) {
                addContactMethod(after.email(), method);
                continue;
            }
            for (NotificationRule rule : method.notificationRules()) {
                if (!old.ruleIds().containsKey(rule)) {
                    addRule(after.email(), old.id(), rule);
                }
            }
            old.ruleIds().forEach((rule, id) -> {
                if (!method.notificationRules().contains(rule)) {
                    api.delete(path + "/notification-rules/" + id, null);
                }
            });
        }
        have.values().forEach(old -> api.delete(path + "/contact-methods/" + old.id(), null));
    }

    void deleteUser(User user) {
        String path = userPath(user.email());
        api.delete(path, api.read(path).etag());
    }

    private void addContactMethod(String email, ContactMethod method) {
        JsonNode created = api.post(userPath(email) + "/contact-methods",
                // the document is the admin's word: its addresses are the users', paged without a code
                Map.of("channel", method.channel().name(), "address", method.address(), "verified", true));
        method.notificationRules().forEach(rule -> addRule(email, Installation.id(created), rule));
    }

    private void addRule(String email, String methodId, NotificationRule rule) {
        api.post(userPath(email) + "/notification-rules", Map.of("contactMethodId", methodId,
                "urgency", rule.urgency().name(), "delay", rule.delay().toString()));
    }

    void createSchedule(Schedule schedule) {
        JsonNode created = api.post("/api/v1/schedules", scheduleBody(schedule));
        names.add(Kind.SCHEDULE, schedule.name(), Installation.id(created));
        schedule.overrides().forEach(override -> addOverride(schedule.name(), override));
    }

    void updateSchedule(Schedule before, Schedule after) {
        String path = schedulePath(after.name());
        if (!withoutOverrides(before).equals(withoutOverrides(after))) {
            AdminApi.Read current = api.read(path);
            unchanged("schedule", after.name(), withoutOverrides(before),
                    withoutOverrides(installation.schedule(current.body())));
            api.put(path, current.etag(), scheduleBody(after));
        }
        Map<ScheduleOverride, String> have = installation.overrideIds.getOrDefault(after.name(), Map.of());
        have.forEach((override, id) -> {
            if (!after.overrides().contains(override)) {
                api.delete(path + "/overrides/" + id, null);
            }
        });
        after.overrides().stream().filter(override -> !have.containsKey(override))
                .forEach(override -> addOverride(after.name(), override));
    }

    void deleteSchedule(Schedule schedule) {
        String path = schedulePath(schedule.name());
        api.delete(path, api.read(path).etag());
    }

    private void addOverride(String schedule, ScheduleOverride override) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", names.id(Kind.USER, override.user()));
        body.put("replacesUserId", names.id(Kind.USER, override.replaces()));
        body.put("startsAt", override.startsAt().toString());
        body.put("endsAt", override.endsAt().toString());
        api.post(schedulePath(schedule) + "/overrides", body);
    }

    void createPolicy(EscalationPolicy policy) {
        JsonNode created = api.post("/api/v1/escalation-policies", policyBody(policy));
        names.add(Kind.POLICY, policy.name(), Installation.id(created));
    }

    void updatePolicy(EscalationPolicy before, EscalationPolicy after) {
        String path = "/api/v1/escalation-policies/" + names.id(Kind.POLICY, after.name());
        AdminApi.Read current = api.read(path);
        unchanged("escalation policy", after.name(), before, installation.policy(current.body()));
        api.put(path, current.etag(), policyBody(after));
    }

    void deletePolicy(EscalationPolicy policy) {
        String path = "/api/v1/escalation-policies/" + names.id(Kind.POLICY, policy.name());
        api.delete(path, api.read(path).etag());
    }

    void createService(Service service) {
        JsonNode created = api.post("/api/v1/services", serviceBody(service));
        names.add(Kind.SERVICE, service.name(), Installation.id(created));
        service.integrations().forEach(integration -> addIntegration(service.name(), integration));
        service.maintenanceWindows().forEach(window -> addMaintenance(service.name(), window));
    }

    void updateService(Service before, Service after, boolean prune) {
        String path = servicePath(after.name());
        if (!settingsOf(before).equals(settingsOf(after))) {
            AdminApi.Read current = api.read(path);
            unchanged("service", after.name(), settingsOf(before),
                    installation.service(current.body(), List.of(), List.of()));
            api.put(path, current.etag(), serviceBody(after));
        }
        Map<String, String> ids = installation.integrationIds.getOrDefault(after.name(), Map.of());
        Map<String, Integration> have = new HashMap<>();
        before.integrations().forEach(integration -> have.put(integration.name(), integration));
        for (Integration integration : after.integrations()) {
            Integration old = have.remove(integration.name());
            if (old == null) {
                addIntegration(after.name(), integration);
                continue;
            }
            String integrationPath = path + "/integrations/" + ids.get(integration.name());
            if (old.type() != integration.type() || !old.settings().equals(integration.settings())) {
                AdminApi.Read current = api.read(integrationPath);
                unchanged("integration", integration.name(), List.of(old.type().name(), old.settings()),
                        List.of(current.body().path("type").asString(), settings(current.body())));
                api.put(integrationPath, current.etag(), integrationBody(integration));
            }
            if (!Objects.equals(old.enabled(), integration.enabled())) {
                String action = integration.enabled() == null ? "/enable" : "/disable";
                api.post(integrationPath + action, null);
            }
            if (!old.rules().equals(integration.rules())) {
                rulesToSet.add(() -> {
                    AdminApi.Read current = api.read(integrationPath + "/rules");
                    unchanged("event rules of integration", integration.name(), old.rules(),
                            installation.rules(current.body()));
                    api.put(integrationPath + "/rules", current.etag(), rulesBody(integration.rules(),
                            service -> names.id(Kind.SERVICE, service)));
                });
            }
        }
        if (prune) {
            // an integration cannot be deleted (its incidents keep their history): it is disabled, its key refused
            have.values().stream().filter(old -> old.enabled() == null)
                    .forEach(old -> api.post(path + "/integrations/" + ids.get(old.name()) + "/disable", null));
        }
        Map<MaintenanceWindow, String> windows = installation.maintenanceIds.getOrDefault(after.name(), Map.of());
        windows.forEach((window, id) -> {
            if (!after.maintenanceWindows().contains(window)) {
                api.delete(path + "/maintenance-windows/" + id, null);
            }
        });
        after.maintenanceWindows().stream().filter(window -> !windows.containsKey(window))
                .forEach(window -> addMaintenance(after.name(), window));
    }

    void deleteService(Service service) {
        String path = servicePath(service.name());
        api.delete(path, api.read(path).etag());
    }

    private void addIntegration(String service, Integration integration) {
        Map<String, Object> body = integrationBody(integration);
        if (integration.key() != null) {
            body.put("key", integration.key());
        }
        JsonNode created = api.post(servicePath(service) + "/integrations", body);
        String integrationPath = servicePath(service) + "/integrations/"
                + Installation.id(created.path("integration"));
        if (!integration.rules().isEmpty()) {
            rulesToSet.add(() -> api.put(integrationPath + "/rules", null, rulesBody(integration.rules(),
                    name -> names.id(Kind.SERVICE, name))));
        }
        if (integration.key() == null) {
            out.println("  key of new integration '" + integration.name() + "' of service '" + service + "' (shown"
                    + " this once): " + created.path("key").asString());
        }
        if (Boolean.FALSE.equals(integration.enabled())) {
            api.post(integrationPath + "/disable", null);
        }
    }

    private static Map<String, Object> integrationBody(Integration integration) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", integration.type().name());
        body.put("name", integration.name());
        body.put("settings", integration.settings());
        return body;
    }

    private static Map<String, String> settings(JsonNode integration) {
        Map<String, String> settings = new TreeMap<>();
        integration.path("settings").properties().forEach(entry -> settings.put(entry.getKey(),
                entry.getValue().asString()));
        return settings;
    }

    /** Rules as the API takes them, {@code serviceId} giving the id of the service a rule routes to. */
    static List<Map<String, Object>> rulesBody(List<EventRule> rules, Function<String, String> serviceId) {
        List<Map<String, Object>> body = new ArrayList<>();
        for (EventRule rule : rules) {
            Map<String, Object> then = new LinkedHashMap<>();
            RuleActions actions = rule.then() == null ? new RuleActions(null, null, null, null, null, null)
                    : rule.then();
            then.put("routeTo", actions.routeTo() == null ? null : serviceId.apply(actions.routeTo()));
            then.put("urgency", actions.urgency() == null ? null : actions.urgency().name());
            then.put("severity", actions.severity() == null ? null : actions.severity().name());
            then.put("suppress", actions.suppress());
            then.put("dedupKey", actions.dedupKey());
            then.put("drop", actions.drop());
            then.values().removeIf(Objects::isNull);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("when", rule.when());
            r.put("then", then);
            if (rule.continues() != null) {
                r.put("continue", rule.continues());
            }
            body.add(r);
        }
        return body;
    }

    private void addMaintenance(String service, MaintenanceWindow window) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("startsAt", window.startsAt().toString());
        body.put("endsAt", window.endsAt().toString());
        body.put("reason", window.reason());
        api.post(servicePath(service) + "/maintenance-windows", body);
    }

    void createStatusPage(StatusPage page) {
        api.post("/api/v1/status-pages", statusPageBody(page));
    }

    void updateStatusPage(StatusPage before, StatusPage after) {
        String path = "/api/v1/status-pages/" + installation.statusPageIds.get(before.slug());
        AdminApi.Read current = api.read(path);
        unchanged("status page", after.slug(), before, installation.statusPage(current.body()));
        api.put(path, current.etag(), statusPageBody(after));
    }

    void deleteStatusPage(StatusPage page) {
        String path = "/api/v1/status-pages/" + installation.statusPageIds.get(page.slug());
        api.delete(path, api.read(path).etag());
    }

    private Map<String, Object> statusPageBody(StatusPage page) {
        return Map.of("slug", page.slug(), "title", page.title(), "serviceIds",
                page.services().stream().map(service -> names.id(Kind.SERVICE, service)).toList());
    }

    /** Stops before overwriting what someone changed since the plan was made. */
    private static void unchanged(String what, String name, Object planned, Object now) {
        if (!Objects.equals(planned, now)) {
            throw new ApiRefused("The " + what + " '" + name + "' changed in Tocsin since the plan was made; nothing"
                    + " more was changed. Run apply again to plan from what it is now.");
        }
    }

    private static Map<String, Object> userBody(User user) {
        return Map.of("name", user.name(), "email", user.email());
    }

    private Map<String, Object> scheduleBody(Schedule schedule) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", schedule.name());
        body.put("timeZone", schedule.timeZone());
        body.put("teamId", names.id(Kind.TEAM, schedule.team()));
        List<Map<String, Object>> rotations = new ArrayList<>();
        for (Rotation rotation : schedule.rotations()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", rotation.name());
            r.put("start", rotation.start().toString());
            r.put("shiftLength", rotation.shiftLength());
            r.put("shiftUnit", rotation.shiftUnit().name());
            r.put("participants", rotation.participants().stream().map(email -> names.id(Kind.USER, email)).toList());
            r.put("layer", rotation.layer());
            r.put("restrictions", rotation.restrictions().stream().map(restriction -> Map.of(
                    "days", restriction.days().stream().map(Enum::name).toList(),
                    "start", restriction.start().toString(), "end", restriction.end().toString())).toList());
            rotations.add(r);
        }
        body.put("rotations", rotations);
        return body;
    }

    private Map<String, Object> policyBody(EscalationPolicy policy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", policy.name());
        body.put("repeatCount", policy.repeatCount());
        body.put("teamId", names.id(Kind.TEAM, policy.team()));
        body.put("levels", policy.levels().stream().map(level -> Map.of("delay", level.delay().toString(),
                "targets", level.targets().stream().map(this::targetBody).toList())).toList());
        return body;
    }

    private Map<String, String> targetBody(Target target) {
        if (target.user() != null) {
            return Map.of("type", "USER", "id", names.id(Kind.USER, target.user()));
        }
        if (target.schedule() != null) {
            return Map.of("type", "SCHEDULE", "id", names.id(Kind.SCHEDULE, target.schedule()));
        }
        if (target.slackChannel() != null) {
            return Map.of("type", "SLACK_CHANNEL", "id", target.slackChannel());
        }
        return Map.of("type", "WEBHOOK", "id", target.webhook());
    }

    private Map<String, Object> serviceBody(Service service) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", service.name());
        body.put("escalationPolicyId", names.id(Kind.POLICY, service.escalationPolicy()));
        body.put("urgency", service.urgency().name());
        body.put("ackTimeout", service.ackTimeout() == null ? null : service.ackTimeout().toString());
        body.put("autoResolveTimeout", service.autoResolveTimeout() == null ? null
                : service.autoResolveTimeout().toString());
        body.put("teamId", names.id(Kind.TEAM, service.team()));
        if (service.alertGrouping() != null) {
            Map<String, Object> grouping = new LinkedHashMap<>();
            grouping.put("type", service.alertGrouping().type().name());
            grouping.put("window", service.alertGrouping().window() == null ? null
                    : service.alertGrouping().window().toString());
            grouping.put("fields", service.alertGrouping().fields());
            body.put("alertGrouping", grouping);
        }
        body.put("resolveWhen", service.resolveWhen() == null ? null : service.resolveWhen().name());
        body.put("stormGuard", service.stormGuard() == null ? null : Map.of("threshold",
                service.stormGuard().threshold(), "window", service.stormGuard().window().toString()));
        return body;
    }

    /** The service's own settings: what PUT /api/v1/services/{id} changes. */
    private static Service settingsOf(Service service) {
        return service.with(List.of(), List.of());
    }

    private static Schedule withoutOverrides(Schedule schedule) {
        return new Schedule(schedule.name(), schedule.team(), schedule.timeZone(), schedule.rotations(), List.of());
    }

    private static String methodKey(ContactMethod method) {
        return method.channel() + " " + method.address();
    }

    private String userPath(String email) {
        return "/api/v1/users/" + names.id(Kind.USER, email);
    }

    private String schedulePath(String name) {
        return "/api/v1/schedules/" + names.id(Kind.SCHEDULE, name);
    }

    private String servicePath(String name) {
        return "/api/v1/services/" + names.id(Kind.SERVICE, name);
    }
}
