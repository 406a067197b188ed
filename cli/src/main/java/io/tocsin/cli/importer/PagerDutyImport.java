package io.tocsin.cli.importer;

import io.tocsin.cli.config.ConfigDocument;
import io.tocsin.cli.config.ConfigDocument.ContactMethod;
import io.tocsin.cli.config.ConfigDocument.EscalationPolicy;
import io.tocsin.cli.config.ConfigDocument.Integration;
import io.tocsin.cli.config.ConfigDocument.Level;
import io.tocsin.cli.config.ConfigDocument.NotificationRule;
import io.tocsin.cli.config.ConfigDocument.ScheduleOverride;
import io.tocsin.cli.config.ConfigDocument.Restriction;
import io.tocsin.cli.config.ConfigDocument.Rotation;
import io.tocsin.cli.config.ConfigDocument.Schedule;
import io.tocsin.cli.config.ConfigDocument.Service;
import io.tocsin.cli.config.ConfigDocument.Target;
import io.tocsin.cli.config.ConfigDocument.Team;
import io.tocsin.cli.config.ConfigDocument.User;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.Urgency;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a PagerDuty account through its REST API v2 ({@code Authorization: Token token=…}, offset pagination) into a
 * configuration document. Events API integrations keep their keys, so monitors only change the URL they post to.
 */
final class PagerDutyImport {

    /** PagerDuty's own default page size; the offset moves by what each page held, whatever limit it applied. */
    private static final int PAGE = 25;

    private final SourceApi api;
    private final ImportReport report;
    private final Instant now;
    private final Map<String, String> emails = new HashMap<>();
    private final Map<String, String> teams = new HashMap<>();
    private final Map<String, String> schedules = new HashMap<>();
    private final Map<String, String> policies = new HashMap<>();

    PagerDutyImport(String url, String token, ImportReport report, Instant now) {
        this.api = new SourceApi("PagerDuty", url, Map.of("Authorization", "Token token=" + token,
                "Accept", "application/vnd.pagerduty+json;version=2"));
        this.report = report;
        this.now = now;
    }

    ConfigDocument read() {
        List<Team> teamDocs = new ArrayList<>();
        for (JsonNode team : all("teams", "teams")) {
            teams.put(team.path("id").asString(), team.path("name").asString());
            teamDocs.add(new Team(team.path("name").asString()));
        }
        List<User> users = new ArrayList<>();
        for (JsonNode user : all("users", "users")) {
            emails.put(user.path("id").asString(), user.path("email").asString());
            users.add(user(user));
        }
        List<Schedule> scheduleDocs = new ArrayList<>();
        for (JsonNode summary : all("schedules", "schedules")) {
            JsonNode schedule = api.get("schedules/" + summary.path("id").asString()).path("schedule");
            schedules.put(schedule.path("id").asString(), schedule.path("name").asString());
            scheduleDocs.add(schedule(schedule));
        }
        List<EscalationPolicy> policyDocs = new ArrayList<>();
        for (JsonNode policy : all("escalation_policies", "escalation_policies")) {
            policies.put(policy.path("id").asString(), policy.path("name").asString());
            policyDocs.add(policy(policy));
        }
        List<Service> services = new ArrayList<>();
        for (JsonNode service : all("services", "services")) {
            services.add(service(service));
        }
        return new ConfigDocument(teamDocs, users, scheduleDocs, policyDocs, services, List.of());
    }

    private User user(JsonNode user) {
        String email = user.path("email").asString();
        String path = "users/" + user.path("id").asString();
        Map<String, List<NotificationRule>> rules = new HashMap<>();
        for (JsonNode rule : api.get(path + "/notification_rules").path("notification_rules")) {
            rules.computeIfAbsent(rule.path("contact_method").path("id").asString(), id -> new ArrayList<>())
                    .add(new NotificationRule(Urgency.valueOf(rule.path("urgency").asString().toUpperCase()),
                            Duration.ofMinutes(rule.path("start_delay_in_minutes").asLong())));
        }
        List<ContactMethod> methods = new ArrayList<>();
        for (JsonNode method : api.get(path + "/contact_methods").path("contact_methods")) {
            String type = method.path("type").asString();
            Channel channel = switch (type) {
                case "email_contact_method" -> Channel.EMAIL;
                case "phone_contact_method" -> Channel.VOICE;
                case "sms_contact_method" -> Channel.SMS;
                default -> null;
            };
            if (channel == null) {
                report.notCarried("user '" + email + "': " + type.replace('_', ' ') + " '"
                        + method.path("label").asString() + "'", "Tocsin pages by SMS, phone call, email, Slack and"
                        + " webhook; add one of those in Tocsin");
                continue;
            }
            String address = channel == Channel.EMAIL ? method.path("address").asString()
                    : "+" + method.path("country_code").asInt() + method.path("address").asString().replaceAll("\\D", "");
            methods.add(new ContactMethod(channel, address, rules.getOrDefault(method.path("id").asString(), List.of())));
        }
        return new User(email, user.path("name").asString(), methods);
    }

    private Schedule schedule(JsonNode schedule) {
        String name = schedule.path("name").asString();
        ZoneId zone = ZoneId.of(schedule.path("time_zone").asString());
        List<Rotation> rotations = new ArrayList<>();
        Set<String> participants = new LinkedHashSet<>();
        JsonNode layers = schedule.path("schedule_layers");
        // PagerDuty lists the layers highest first: the last one made wins where it has someone on call
        for (int i = 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            String where = "schedule '" + name + "', layer '" + layer.path("name").asString() + "'";
            if (!layer.path("end").isNull() && !layer.path("end").isMissingNode()
                    && !OffsetDateTime.parse(layer.path("end").asString()).toInstant().isAfter(now)) {
                continue;
            }
            if (!layer.path("end").isNull() && !layer.path("end").isMissingNode()) {
                report.notCarried(where + ": its end (" + layer.path("end").asString() + ")", "Tocsin rotations do"
                        + " not end; remove it in Tocsin then");
            }
            Duration turnLength = Duration.ofSeconds(layer.path("rotation_turn_length_seconds").asLong());
            Rotations.Turn turn = Rotations.turn(turnLength);
            if (turn == null) {
                report.notCarried(where, "its turns of " + turnLength + " are not whole hours, as Tocsin's are");
                continue;
            }
            List<String> users = new ArrayList<>();
            layer.path("users").forEach(user -> users.add(emails.get(user.path("user").path("id").asString())));
            participants.addAll(users);
            List<Restriction> restrictions = new ArrayList<>();
            for (JsonNode restriction : layer.path("restrictions")) {
                LocalTime start = LocalTime.parse(restriction.path("start_time_of_day").asString());
                Duration length = Duration.ofSeconds(restriction.path("duration_seconds").asLong());
                if (restriction.path("type").asString().equals("daily_restriction")) {
                    restrictions.add(Rotations.daily(start, length));
                } else {
                    restrictions.addAll(Rotations.window(DayOfWeek.of(restriction.path("start_day_of_week").asInt()),
                            start, length));
                }
            }
            rotations.add(new Rotation(layer.path("name").asString(), layers.size() - i,
                    OffsetDateTime.parse(layer.path("rotation_virtual_start").asString()).atZoneSameInstant(zone)
                            .toLocalDateTime(), turn.length(), turn.unit(), users, restrictions));
        }
        return new Schedule(name, team(schedule, "schedule '" + name + "'"), zone.getId(), rotations,
                overrides(schedule.path("id").asString(), List.copyOf(participants)));
    }

    /** A PagerDuty override puts its user on call instead of whoever the layers have. */
    private List<ScheduleOverride> overrides(String scheduleId, List<String> participants) {
        List<ScheduleOverride> overrides = new ArrayList<>();
        JsonNode answer = api.get("schedules/" + scheduleId + "/overrides?since=" + now + "&until="
                + now.plus(365, ChronoUnit.DAYS));
        for (JsonNode override : answer.path("overrides")) {
            String user = emails.get(override.path("user").path("id").asString());
            Instant start = OffsetDateTime.parse(override.path("start").asString()).toInstant();
            Instant end = OffsetDateTime.parse(override.path("end").asString()).toInstant();
            overrides.addAll(Rotations.takingOver(user, participants, start, end));
        }
        return overrides;
    }

    private EscalationPolicy policy(JsonNode policy) {
        String name = policy.path("name").asString();
        List<Level> levels = new ArrayList<>();
        for (JsonNode rule : policy.path("escalation_rules")) {
            List<Target> targets = new ArrayList<>();
            for (JsonNode target : rule.path("targets")) {
                String id = target.path("id").asString();
                switch (target.path("type").asString()) {
                    case "user_reference", "user" -> targets.add(new Target(emails.get(id), null, null, null));
                    case "schedule_reference", "schedule" -> targets.add(new Target(null, schedules.get(id), null, null));
                    default -> report.notCarried("escalation policy '" + name + "': target " + target.path("type")
                            .asString(), "Tocsin's levels page users, schedules, Slack channels and webhooks");
                }
            }
            levels.add(new Level(Duration.ofMinutes(rule.path("escalation_delay_in_minutes").asLong()), targets));
        }
        int loops = policy.path("num_loops").asInt();
        if (loops > 10) {
            report.notCarried("escalation policy '" + name + "': " + loops + " loops", "Tocsin repeats a policy at most"
                    + " 10 times; it will repeat 10");
        }
        return new EscalationPolicy(name, team(policy, "escalation policy '" + name + "'"), Math.min(loops, 10),
                levels);
    }

    private Service service(JsonNode service) {
        String name = service.path("name").asString();
        JsonNode urgencyRule = service.path("incident_urgency_rule");
        Urgency urgency = Urgency.HIGH;
        if (urgencyRule.path("type").asString().equals("constant")) {
            urgency = Urgency.valueOf(urgencyRule.path("urgency").asString().toUpperCase());
        } else if (!urgencyRule.isMissingNode()) {
            report.notCarried("service '" + name + "': urgency by support hours", "Tocsin gives a service one urgency;"
                    + " it is HIGH");
        }
        List<Integration> integrations = new ArrayList<>();
        for (JsonNode reference : service.path("integrations")) {
            JsonNode integration = api.get("services/" + service.path("id").asString() + "/integrations/"
                    + reference.path("id").asString()).path("integration");
            String type = integration.path("type").asString();
            IntegrationType kept = switch (type) {
                case "events_api_v2_inbound_integration" -> IntegrationType.EVENTS_V2;
                case "generic_events_api_inbound_integration" -> IntegrationType.EVENTS_V1;
                default -> null;
            };
            if (kept == null) {
                report.notCarried("service '" + name + "': integration '" + integration.path("name").asString() + "' ("
                        + type + ")", "add the monitor in Tocsin with the integration of its kind (Alertmanager,"
                        + " Grafana, generic webhook…)");
                continue;
            }
            integrations.add(new Integration(integration.path("name").asString(), kept, Map.of(), null,
                    integration.path("integration_key").asString()));
        }
        return new Service(name, team(service, "service '" + name + "'"),
                policies.get(service.path("escalation_policy").path("id").asString()), urgency,
                seconds(service, "acknowledgement_timeout"), seconds(service, "auto_resolve_timeout"), integrations,
                List.of());
    }

    /** The first of the object's teams: a Tocsin object has one owning team. */
    private String team(JsonNode object, String what) {
        JsonNode owners = object.path("teams");
        if (owners.size() > 1) {
            report.notCarried(what + ": teams after the first", "a Tocsin object belongs to one team");
        }
        return owners.isEmpty() ? null : teams.get(owners.get(0).path("id").asString());
    }

    private static Duration seconds(JsonNode object, String field) {
        JsonNode value = object.path(field);
        return value.isNumber() ? Duration.ofSeconds(value.asLong()) : null;
    }

    /** Every item of a list endpoint, page by page (limit and offset, until {@code more} is false). */
    private List<JsonNode> all(String path, String field) {
        List<JsonNode> items = new ArrayList<>();
        while (true) {
            JsonNode page = api.get(path + "?limit=" + PAGE + "&offset=" + items.size());
            page.path(field).forEach(items::add);
            if (!page.path("more").asBoolean() || page.path(field).isEmpty()) {
                return items;
            }
        }
    }
}
