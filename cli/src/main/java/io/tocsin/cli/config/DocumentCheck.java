package io.tocsin.cli.config;

import io.tocsin.cli.api.AdminApi;
import io.tocsin.cli.config.ConfigDocument.AlertGrouping;
import io.tocsin.cli.config.ConfigDocument.EscalationPolicy;
import io.tocsin.cli.config.ConfigDocument.EventRule;
import io.tocsin.cli.config.ConfigDocument.Integration;
import io.tocsin.cli.config.ConfigDocument.Schedule;
import io.tocsin.cli.config.ConfigDocument.Service;
import io.tocsin.cli.config.ConfigDocument.StatusPage;
import io.tocsin.cli.config.ConfigDocument.Team;
import io.tocsin.cli.config.ConfigDocument.User;
import io.tocsin.cli.config.DocumentFile.Loaded;
import io.tocsin.cli.config.Installation.Names.Kind;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks a document before anything is changed: what must be there is, names are unique, and every name refers to
 * something in the document or (unless pruning) already in Tocsin. Every problem is reported with its line.
 */
final class DocumentCheck {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9]{32}");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** Routing does not look up routeTo when checking rules; the file's service names are checked here. */
    private static final String ANY_SERVICE = "00000000-0000-0000-0000-000000000000";

    /** What Tocsin would refuse in an integration's event rules (compiling their CEL), before anything changes. */
    interface RuleCheck {
        List<RuleProblem> problems(List<EventRule> rules);
    }

    /** A rule's problem: its number (from 1), the field (when, then.dedupKey; null: the rule) and what is wrong. */
    record RuleProblem(int rule, String field, String message) {
    }

    /** Asks routing, which compiles the rules as saving them would and saves nothing. */
    static RuleCheck askingTocsin(AdminApi api) {
        return rules -> Installation.stream(api.post("/api/v1/event-rules/check",
                        Map.of("rules", Applier.rulesBody(rules, service -> ANY_SERVICE))).path("problems"))
                .map(problem -> new RuleProblem(problem.path("rule").asInt(),
                        problem.path("field").isString() ? problem.path("field").asString() : null,
                        problem.path("message").asString()))
                .toList();
    }

    private final Loaded loaded;
    private final ConfigDocument document;
    private final Installation.Names existing;
    private final RuleCheck ruleCheck;
    private final List<String> problems = new ArrayList<>();

    private DocumentCheck(Loaded loaded, Installation.Names existing, RuleCheck ruleCheck) {
        this.loaded = loaded;
        this.document = loaded.document();
        this.existing = existing;
        this.ruleCheck = ruleCheck;
    }

    /** Refuses the document, naming each problem's line and field, unless it is fit to apply. */
    static void check(Loaded loaded, Installation.Names existing, RuleCheck ruleCheck) {
        DocumentCheck check = new DocumentCheck(loaded, existing, ruleCheck);
        check.run();
        if (!check.problems.isEmpty()) {
            throw new BadDocument("Nothing was changed: " + check.problems.size() + " problem(s) in the file\n  "
                    + String.join("\n  ", check.problems));
        }
    }

    private void run() {
        Set<String> teams = names(document.teams(), "/teams", "name", Team::name);
        Set<String> users = names(document.users(), "/users", "email", User::email);
        Set<String> schedules = names(document.schedules(), "/schedules", "name", Schedule::name);
        Set<String> policies = names(document.escalationPolicies(), "/escalationPolicies", "name",
                EscalationPolicy::name);
        Set<String> services = names(document.services(), "/services", "name", Service::name);
        names(document.statusPages(), "/statusPages", "slug", StatusPage::slug);
        Predicate<String> team = known(teams, Kind.TEAM);
        Predicate<String> user = known(users, Kind.USER);
        Predicate<String> schedule = known(schedules, Kind.SCHEDULE);
        Predicate<String> policy = known(policies, Kind.POLICY);
        Predicate<String> service = known(services, Kind.SERVICE);

        each(document.users(), "/users", (u, at) -> {
            required(u.name(), at + "/name");
            each(u.contactMethods(), at + "/contactMethods", (method, m) -> {
                required(method.channel(), m + "/channel");
                required(method.address(), m + "/address");
                each(method.notificationRules(), m + "/notificationRules", (rule, r) -> {
                    required(rule.urgency(), r + "/urgency");
                    if (required(rule.delay(), r + "/delay") && rule.delay().isNegative()) {
                        problem(r + "/delay", "must be PT0S (at once) or later");
                    }
                });
            });
        });
        each(document.schedules(), "/schedules", (s, at) -> {
            refers(s.team(), at + "/team", "team", team);
            if (required(s.timeZone(), at + "/timeZone")) {
                try {
                    ZoneId.of(s.timeZone());
                } catch (DateTimeException e) {
                    problem(at + "/timeZone", "'" + s.timeZone() + "' is not an IANA time zone such as Europe/Berlin");
                }
            }
            nonEmpty(s.rotations(), at + "/rotations");
            each(s.rotations(), at + "/rotations", (rotation, r) -> {
                required(rotation.name(), r + "/name");
                required(rotation.start(), r + "/start");
                required(rotation.shiftUnit(), r + "/shiftUnit");
                if (rotation.shiftLength() < 1) {
                    problem(r + "/shiftLength", "must be 1 or more");
                }
                nonEmpty(rotation.participants(), r + "/participants");
                each(rotation.participants(), r + "/participants", (email, p) -> refers(email, p, "user", user));
                each(rotation.restrictions(), r + "/restrictions", (restriction, x) -> {
                    nonEmpty(restriction.days(), x + "/days");
                    required(restriction.start(), x + "/start");
                    required(restriction.end(), x + "/end");
                });
            });
            each(s.overrides(), at + "/overrides", (override, o) -> {
                if (required(override.user(), o + "/user")) {
                    refers(override.user(), o + "/user", "user", user);
                }
                refers(override.replaces(), o + "/replaces", "user", user);
                if (required(override.startsAt(), o + "/startsAt") && required(override.endsAt(), o + "/endsAt")
                        && !override.endsAt().isAfter(override.startsAt())) {
                    problem(o + "/endsAt", "must be after startsAt");
                }
            });
        });
        each(document.escalationPolicies(), "/escalationPolicies", (p, at) -> {
            refers(p.team(), at + "/team", "team", team);
            if (p.repeatCount() != null && (p.repeatCount() < 0 || p.repeatCount() > 10)) {
                problem(at + "/repeatCount", "must be from 0 to 10");
            }
            nonEmpty(p.levels(), at + "/levels");
            each(p.levels(), at + "/levels", (level, l) -> {
                atLeastASecond(level.delay(), l + "/delay");
                nonEmpty(level.targets(), l + "/targets");
                each(level.targets(), l + "/targets", (target, t) -> {
                    if (target.kinds() != 1) {
                        problem(t, "give exactly one of user, schedule, slackChannel, webhook");
                    }
                    refers(target.user(), t + "/user", "user", user);
                    refers(target.schedule(), t + "/schedule", "schedule", schedule);
                });
            });
        });
        each(document.services(), "/services", (s, at) -> {
            refers(s.team(), at + "/team", "team", team);
            refers(s.escalationPolicy(), at + "/escalationPolicy", "escalation policy", policy);
            grouping(s.alertGrouping(), at + "/alertGrouping");
            if (s.stormGuard() != null) {
                if (s.stormGuard().threshold() < 1) {
                    problem(at + "/stormGuard/threshold", "must be at least 1");
                }
                atLeastASecond(s.stormGuard().window(), at + "/stormGuard/window");
            }
            names(s.integrations(), at + "/integrations", "name", Integration::name);
            each(s.integrations(), at + "/integrations", (integration, i) -> {
                required(integration.type(), i + "/type");
                if (integration.key() != null && !KEY.matcher(integration.key()).matches()) {
                    problem(i + "/key", "must be 32 letters and digits (leave it out to get a new key)");
                }
                each(integration.rules(), i + "/rules", (rule, r) -> {
                    if (rule.then() != null) {
                        refers(rule.then().routeTo(), r + "/then/routeTo", "service", service);
                    }
                });
                if (integration.rules() != null && !integration.rules().isEmpty()) {
                    for (RuleProblem problem : ruleCheck.problems(integration.rules())) {
                        String rule = i + "/rules/" + (problem.rule() - 1);
                        problem(problem.field() == null ? rule : rule + "/" + problem.field().replace('.', '/'),
                                problem.message());
                    }
                }
            });
            each(s.maintenanceWindows(), at + "/maintenanceWindows", (window, w) -> {
                if (required(window.startsAt(), w + "/startsAt") && required(window.endsAt(), w + "/endsAt")
                        && !window.endsAt().isAfter(window.startsAt())) {
                    problem(w + "/endsAt", "must be after startsAt");
                }
            });
        });
        each(document.statusPages(), "/statusPages", (page, at) -> {
            if (page.slug() != null && !SLUG.matcher(page.slug()).matches()) {
                problem(at + "/slug", "must be lower-case letters, digits and dashes (at most 63), e.g. 'acme-api'");
            }
            required(page.title(), at + "/title");
            nonEmpty(page.services(), at + "/services");
            each(page.services(), at + "/services", (name, s) -> refers(name, s, "service", service));
        });
    }

    private void grouping(AlertGrouping grouping, String at) {
        if (grouping == null || !required(grouping.type(), at + "/type")) {
            return;
        }
        List<String> fields = grouping.fields() == null ? List.of() : grouping.fields();
        switch (grouping.type()) {
            case NONE -> {
                if (grouping.window() != null || !fields.isEmpty()) {
                    problem(at, "type NONE takes no window and no fields");
                }
            }
            case TIME -> {
                atLeastASecond(grouping.window(), at + "/window");
                if (!fields.isEmpty()) {
                    problem(at + "/fields", "type TIME groups by time alone and takes no fields (CONTENT does)");
                }
            }
            case CONTENT -> {
                atLeastASecond(grouping.window(), at + "/window");
                if (fields.isEmpty() || fields.stream().anyMatch(field -> field == null || field.isBlank())) {
                    problem(at + "/fields", "must name at least one field for type CONTENT, e.g. [labels.cluster]");
                }
            }
        }
    }

    private void atLeastASecond(Duration value, String at) {
        if (required(value, at) && value.compareTo(Duration.ofSeconds(1)) < 0) {
            problem(at, "must be at least PT1S");
        }
    }

    /** The names of the objects, each required and told apart ignoring case (as Tocsin tells them apart). */
    private <T> Set<String> names(List<T> objects, String at, String field, Function<T, String> name) {
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        each(objects, at, (object, o) -> {
            String value = name.apply(object);
            if (required(value, o + "/" + field) && !seen.add(value)) {
                problem(o + "/" + field, "'" + value + "' is there twice; each needs its own " + field);
            }
        });
        return seen;
    }

    private Predicate<String> known(Set<String> inDocument, Kind kind) {
        return name -> inDocument.contains(name) || (existing != null && existing.has(kind, name));
    }

    private void refers(String name, String at, String what, Predicate<String> known) {
        if (name != null && !known.test(name)) {
            problem(at, "no " + what + " '" + name + "' in the file" + (existing == null ? "" : " or in Tocsin"));
        }
    }

    private boolean required(Object value, String at) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            problem(at, "is required");
            return false;
        }
        return true;
    }

    private void nonEmpty(List<?> values, String at) {
        if (values == null || values.isEmpty()) {
            problem(at, "needs at least one");
        }
    }

    private void problem(String pointer, String message) {
        problems.add(loaded.where(pointer) + ", " + readable(pointer) + ": " + message);
    }

    /** /schedules/0/rotations/1/name as schedules[0].rotations[1].name. */
    private static String readable(String pointer) {
        return pointer.substring(1).replaceAll("/(\\d+)", "[$1]").replace('/', '.');
    }

    private interface Visit<T> {
        void at(T item, String pointer);
    }

    private static <T> void each(List<T> items, String at, Visit<T> visit) {
        if (items == null) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) != null) {
                visit.at(items.get(i), at + "/" + i);
            }
        }
    }
}
