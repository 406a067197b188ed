package io.tocsin.cli.config;

import io.tocsin.cli.config.ConfigDocument.EscalationPolicy;
import io.tocsin.cli.config.ConfigDocument.Integration;
import io.tocsin.cli.config.ConfigDocument.Schedule;
import io.tocsin.cli.config.ConfigDocument.Service;
import io.tocsin.cli.config.ConfigDocument.StatusPage;
import io.tocsin.cli.config.ConfigDocument.Team;
import io.tocsin.cli.config.ConfigDocument.User;
import io.tocsin.cli.config.DocumentFile.Loaded;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What applying a document to a Tocsin would do, object by object: create, update (naming the fields that change),
 * leave unchanged, or (pruning) delete; in the order the changes can be made, each object before what names it.
 */
final class Plan {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    enum Kind {
        CREATE("+"), UPDATE("~"), UNCHANGED("="), DELETE("-");

        final String sign;

        Kind(String sign) {
            this.sign = sign;
        }
    }

    /** One change to one object; {@code step} makes it. */
    record Change(Kind kind, String what, String name, List<String> fields, Step step) {
    }

    interface Step {
        void apply(Applier applier);
    }

    private final List<Change> changes = new ArrayList<>();
    private final List<Change> deletions = new ArrayList<>();

    /** The plan for {@code loaded}, refused (nothing changed) if the document is unfit, against what Tocsin has. */
    static Plan of(Loaded loaded, Installation current, boolean prune, Instant now,
            DocumentCheck.RuleCheck ruleCheck) {
        DocumentCheck.check(loaded, prune ? null : current.names, ruleCheck);
        ConfigDocument desired = withoutEnded(loaded.document().canonical(), now);
        ConfigDocument have = current.document;
        Plan plan = new Plan();
        plan.compare("team", desired.teams(), have.teams(), Team::name, prune,
                team -> applier -> applier.createTeam(team), null,
                team -> applier -> applier.deleteTeam(team));
        plan.compare("user", desired.users(), have.users(), User::email, prune,
                user -> applier -> applier.createUser(user),
                (before, after) -> applier -> applier.updateUser(before, after),
                user -> applier -> applier.deleteUser(user));
        plan.compare("schedule", desired.schedules(), have.schedules(), Schedule::name, prune,
                schedule -> applier -> applier.createSchedule(schedule),
                (before, after) -> applier -> applier.updateSchedule(before, after),
                schedule -> applier -> applier.deleteSchedule(schedule));
        plan.compare("escalation policy", desired.escalationPolicies(), have.escalationPolicies(),
                EscalationPolicy::name, prune,
                policy -> applier -> applier.createPolicy(policy),
                (before, after) -> applier -> applier.updatePolicy(before, after),
                policy -> applier -> applier.deletePolicy(policy));
        plan.compare("service", desired.services(), have.services(), Service::name, prune,
                service -> applier -> applier.createService(service),
                (before, after) -> applier -> applier.updateService(before, after, prune),
                service -> applier -> applier.deleteService(service));
        plan.compare("status page", desired.statusPages(), have.statusPages(), StatusPage::slug, prune,
                page -> applier -> applier.createStatusPage(page),
                (before, after) -> applier -> applier.updateStatusPage(before, after),
                page -> applier -> applier.deleteStatusPage(page));
        // the deletions last and in reverse: what names an object goes before it
        plan.changes.addAll(plan.deletions.reversed());
        return plan;
    }

    /** Overrides and maintenance windows that ended are history, not configuration. */
    private static ConfigDocument withoutEnded(ConfigDocument document, Instant now) {
        return new ConfigDocument(document.teams(), document.users(),
                document.schedules().stream().map(schedule -> new Schedule(schedule.name(), schedule.team(),
                        schedule.timeZone(), schedule.rotations(),
                        schedule.overrides().stream().filter(override -> override.endsAt().isAfter(now)).toList()))
                        .toList(),
                document.escalationPolicies(),
                document.services().stream().map(service -> service.with(service.integrations(),
                        service.maintenanceWindows().stream().filter(window -> window.endsAt().isAfter(now)).toList()))
                        .toList(),
                document.statusPages());
    }

    private <T> void compare(String what, List<T> desired, List<T> have, Function<T, String> key, boolean prune,
            Function<T, Step> create, Updater<T> update, Function<T, Step> delete) {
        Map<String, T> existing = new LinkedHashMap<>();
        have.forEach(object -> existing.put(key.apply(object).toLowerCase(), object));
        Set<String> wanted = new LinkedHashSet<>();
        for (T object : desired) {
            String name = key.apply(object);
            wanted.add(name.toLowerCase());
            T old = existing.get(name.toLowerCase());
            if (old == null) {
                changes.add(new Change(Kind.CREATE, what, name, List.of(), create.apply(object)));
            } else if (comparable(old).equals(comparable(object))) {
                changes.add(new Change(Kind.UNCHANGED, what, name, List.of(), null));
            } else {
                changes.add(new Change(Kind.UPDATE, what, name, fields(old, object), update.step(old, object)));
            }
        }
        if (prune) {
            existing.forEach((name, old) -> {
                if (!wanted.contains(name)) {
                    deletions.add(new Change(Kind.DELETE, what, key.apply(old), List.of(), delete.apply(old)));
                }
            });
        }
    }

    private interface Updater<T> {
        Step step(T before, T after);
    }

    /** Keys are never read back (Tocsin keeps hashes): a key in the file only matters when creating. */
    private static Object comparable(Object object) {
        if (object instanceof Service service) {
            return service.with(service.integrations().stream().map(Integration::withoutKey).toList(),
                    service.maintenanceWindows());
        }
        return object;
    }

    /** The fields that differ; scalars with their old and new value. */
    private static List<String> fields(Object before, Object after) {
        JsonNode old = JSON.valueToTree(comparable(before));
        JsonNode updated = JSON.valueToTree(comparable(after));
        Set<String> names = new LinkedHashSet<>(old.propertyNames());
        names.addAll(updated.propertyNames());
        List<String> fields = new ArrayList<>();
        for (String name : names) {
            JsonNode a = old.path(name);
            JsonNode b = updated.path(name);
            if (Objects.equals(a, b)) {
                continue;
            }
            boolean scalars = !a.isContainer() && !b.isContainer();
            fields.add(scalars ? name + " " + shown(a) + " -> " + shown(b) : name);
        }
        return fields;
    }

    private static String shown(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "(none)" : value.asString();
    }

    List<Change> changes() {
        return changes;
    }

    boolean nothingToDo() {
        return changes.stream().allMatch(change -> change.kind() == Kind.UNCHANGED);
    }

    void print(PrintWriter out) {
        for (Change change : changes) {
            out.println(change.kind().sign + " " + change.what() + " '" + change.name() + "'"
                    + (change.fields().isEmpty() ? "" : ": " + String.join(", ", change.fields())));
        }
        Map<Kind, Long> counts = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            counts.put(kind, changes.stream().filter(change -> change.kind() == kind).count());
        }
        out.println("Plan: " + counts.get(Kind.CREATE) + " to create, " + counts.get(Kind.UPDATE) + " to update, "
                + counts.get(Kind.DELETE) + " to delete, " + counts.get(Kind.UNCHANGED) + " unchanged.");
    }
}
