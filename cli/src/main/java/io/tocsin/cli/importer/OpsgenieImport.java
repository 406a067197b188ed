package io.tocsin.cli.importer;

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
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Reads an Opsgenie account through its REST API ({@code Authorization: GenieKey …}, {@code paging.next} links) into a
 * configuration document: a schedule's rotations are on call together, an escalation's rules fire at times counted
 * from the alert, which become Tocsin levels waiting the difference.
 */
final class OpsgenieImport {

    private static final Duration LAST_LEVEL_WAIT = Duration.ofMinutes(5);

    private final SourceApi api;
    private final ImportReport report;
    private final Map<String, String> emails = new HashMap<>();
    private final Map<String, String> teams = new HashMap<>();
    private final Map<String, String> schedules = new HashMap<>();
    private final Map<String, String> teamPolicies = new HashMap<>();

    OpsgenieImport(String url, String token, ImportReport report) {
        this.api = new SourceApi("Opsgenie", url, Map.of("Authorization", "GenieKey " + token));
        this.report = report;
    }

    ConfigDocument read() {
        List<Team> teamDocs = new ArrayList<>();
        for (JsonNode team : api.get("v2/teams").path("data")) {
            teams.put(team.path("id").asString(), team.path("name").asString());
            teamDocs.add(new Team(team.path("name").asString()));
        }
        List<User> users = new ArrayList<>();
        for (JsonNode user : all("v2/users?limit=100")) {
            emails.put(user.path("id").asString(), user.path("username").asString());
            users.add(user(user));
        }
        List<Schedule> scheduleDocs = new ArrayList<>();
        for (JsonNode schedule : all("v2/schedules?expand=rotation")) {
            schedules.put(schedule.path("id").asString(), schedule.path("name").asString());
            scheduleDocs.add(schedule(schedule));
        }
        List<EscalationPolicy> policies = new ArrayList<>();
        for (JsonNode escalation : api.get("v2/escalations").path("data")) {
            EscalationPolicy policy = policy(escalation);
            policies.add(policy);
            teamPolicies.putIfAbsent(escalation.path("ownerTeam").path("id").asString(), policy.name());
        }
        Map<String, List<Integration>> integrations = integrations();
        List<Service> services = new ArrayList<>();
        for (JsonNode service : all("v1/services?limit=100")) {
            String team = service.path("teamId").asString();
            String name = service.path("name").asString();
            if (teamPolicies.get(team) == null) {
                report.notCarried("service '" + name + "': its team's escalation", "its team has none; choose an"
                        + " escalation policy in the file");
            }
            services.add(new Service(name, teams.get(team), teamPolicies.get(team), Urgency.HIGH, null, null,
                    // the team's integrations go to its first service
                    integrations.containsKey(team) ? integrations.remove(team) : List.of(), List.of()));
        }
        return new ConfigDocument(teamDocs, users, scheduleDocs, policies, services, List.of());
    }

    /** The integrations by owning team: Tocsin attaches them to the team's first service, with new keys. */
    private Map<String, List<Integration>> integrations() {
        Map<String, List<Integration>> byTeam = new HashMap<>();
        for (JsonNode integration : api.get("v2/integrations").path("data")) {
            String name = integration.path("name").asString();
            IntegrationType type = switch (integration.path("type").asString()) {
                case "Prometheus" -> IntegrationType.ALERTMANAGER;
                case "Grafana" -> IntegrationType.GRAFANA;
                case "API", "Webhook" -> IntegrationType.GENERIC;
                case "AmazonCloudWatch" -> IntegrationType.CLOUDWATCH;
                case "Pingdom" -> IntegrationType.PINGDOM;
                case "UptimeRobot" -> IntegrationType.UPTIMEROBOT;
                default -> null;
            };
            if (type == null || integration.path("teamId").isMissingNode()) {
                report.notCarried("integration '" + name + "' (" + integration.path("type").asString() + ")",
                        type == null ? "Tocsin has no integration of that kind" : "it belongs to no team");
                continue;
            }
            byTeam.computeIfAbsent(integration.path("teamId").asString(), team -> new ArrayList<>())
                    .add(new Integration(name, type, Map.of(), integration.path("enabled").asBoolean(true) ? null
                            : false, null));
        }
        report.notCarried("integration keys", "Opsgenie's keys do not fit Tocsin's endpoints: apply prints the new"
                + " keys; give them to the monitors");
        return byTeam;
    }

    private User user(JsonNode user) {
        String email = user.path("username").asString();
        String path = "v2/users/" + user.path("id").asString();
        Map<String, ContactMethod> methods = new TreeMap<>();
        for (JsonNode contact : api.get(path + "/contacts").path("data")) {
            Channel channel = channel(contact.path("method").asString());
            if (channel == null) {
                report.notCarried("user '" + email + "': " + contact.path("method").asString() + " contact",
                        "Tocsin pages by SMS, phone call, email, Slack and webhook");
                continue;
            }
            String address = address(channel, contact.path("to").asString());
            methods.put(channel + " " + address, new ContactMethod(channel, address, new ArrayList<>()));
        }
        for (JsonNode rule : api.get(path + "/notification-rules").path("data")) {
            if (!rule.path("actionType").asString().equals("create-alert") || !rule.path("enabled").asBoolean(true)) {
                report.notCarried("user '" + email + "': notification rule '" + rule.path("name").asString() + "'",
                        "Tocsin's rules page for new incidents; " + rule.path("actionType").asString()
                                + " rules have no counterpart");
                continue;
            }
            for (JsonNode step : api.get(path + "/notification-rules/" + rule.path("id").asString() + "/steps")
                    .path("data")) {
                Channel channel = channel(step.path("contact").path("method").asString());
                ContactMethod method = channel == null ? null
                        : methods.get(channel + " " + address(channel, step.path("contact").path("to").asString()));
                if (method == null || !step.path("enabled").asBoolean(true)) {
                    continue;
                }
                Duration after = amount(step.path("sendAfter"));
                // Opsgenie's rule applies to every alert: in Tocsin that is both urgencies
                for (Urgency urgency : Urgency.values()) {
                    NotificationRule notification = new NotificationRule(urgency, after);
                    if (!method.notificationRules().contains(notification)) {
                        method.notificationRules().add(notification);
                    }
                }
            }
        }
        return new User(email, user.path("fullName").asString(), List.copyOf(methods.values()));
    }

    private Schedule schedule(JsonNode schedule) {
        String name = schedule.path("name").asString();
        ZoneId zone = ZoneId.of(schedule.path("timezone").asString());
        List<Rotation> rotations = new ArrayList<>();
        Set<String> participants = new LinkedHashSet<>();
        for (JsonNode rotation : schedule.path("rotations")) {
            String where = "schedule '" + name + "', rotation '" + rotation.path("name").asString() + "'";
            if (!rotation.path("endDate").isMissingNode() && !rotation.path("endDate").isNull()) {
                report.notCarried(where + ": its end date", "Tocsin rotations do not end; remove it in Tocsin then");
            }
            List<String> users = new ArrayList<>();
            for (JsonNode participant : rotation.path("participants")) {
                if (participant.path("type").asString().equals("user")) {
                    users.add(emails.get(participant.path("id").asString()));
                } else {
                    report.notCarried(where + ": participant of type " + participant.path("type").asString(),
                            "Tocsin rotations take turns between users");
                }
            }
            participants.addAll(users);
            ShiftUnit unit = switch (rotation.path("type").asString()) {
                case "hourly" -> ShiftUnit.HOURS;
                case "daily" -> ShiftUnit.DAYS;
                default -> ShiftUnit.WEEKS;
            };
            // the rotations of an Opsgenie schedule are on call together, as those of one Tocsin layer
            rotations.add(new Rotation(rotation.path("name").asString(), 1,
                    Instant.parse(rotation.path("startDate").asString()).atZone(zone).toLocalDateTime(),
                    rotation.path("length").asInt(1), unit, users, restrictions(rotation.path("timeRestriction"))));
        }
        List<ScheduleOverride> overrides = new ArrayList<>();
        for (JsonNode override : api.get("v2/schedules/" + schedule.path("id").asString() + "/overrides").path("data")) {
            String user = emails.get(override.path("user").path("id").asString());
            Instant start = Instant.parse(override.path("startDate").asString());
            Instant end = Instant.parse(override.path("endDate").asString());
            overrides.addAll(Rotations.takingOver(user, participants, start, end));
        }
        return new Schedule(name, teams.get(schedule.path("ownerTeam").path("id").asString()), zone.getId(), rotations,
                overrides);
    }

    private List<Restriction> restrictions(JsonNode restriction) {
        List<Restriction> restrictions = new ArrayList<>();
        switch (restriction.path("type").asString()) {
            case "time-of-day" -> {
                JsonNode daily = restriction.path("restriction");
                LocalTime start = time(daily);
                restrictions.add(Rotations.daily(start, length(start, LocalTime.of(daily.path("endHour").asInt(),
                        daily.path("endMin").asInt()))));
            }
            case "weekday-and-time-of-day" -> {
                for (JsonNode window : restriction.path("restrictions")) {
                    DayOfWeek from = DayOfWeek.valueOf(window.path("startDay").asString().toUpperCase(Locale.ROOT));
                    DayOfWeek to = DayOfWeek.valueOf(window.path("endDay").asString().toUpperCase(Locale.ROOT));
                    LocalTime start = time(window);
                    LocalTime end = LocalTime.of(window.path("endHour").asInt(), window.path("endMin").asInt());
                    Duration length = Duration.ofDays((to.getValue() - from.getValue() + 7) % 7)
                            .plus(Duration.between(start, end));
                    if (!length.isPositive()) {
                        length = length.plusDays(7);
                    }
                    restrictions.addAll(Rotations.window(from, start, length));
                }
            }
            default -> {
                // no restriction: on call around the clock
            }
        }
        return restrictions;
    }

    private EscalationPolicy policy(JsonNode escalation) {
        String name = escalation.path("name").asString();
        TreeMap<Duration, List<Target>> byDelay = new TreeMap<>();
        for (JsonNode rule : escalation.path("rules")) {
            JsonNode recipient = rule.path("recipient");
            String id = recipient.path("id").asString();
            Target target = switch (recipient.path("type").asString()) {
                case "user" -> new Target(emails.get(id), null, null, null);
                case "schedule" -> new Target(null, schedules.get(id), null, null);
                default -> null;
            };
            if (target == null) {
                report.notCarried("escalation '" + name + "': recipient of type " + recipient.path("type").asString(),
                        "Tocsin's levels page users, schedules, Slack channels and webhooks");
                continue;
            }
            byDelay.computeIfAbsent(amount(rule.path("delay")), delay -> new ArrayList<>()).add(target);
        }
        if (!byDelay.isEmpty() && byDelay.firstKey().isPositive()) {
            report.notCarried("escalation '" + name + "': the first rule's wait of " + byDelay.firstKey(),
                    "Tocsin pages the first level at once");
        }
        JsonNode repeat = escalation.path("repeat");
        Duration lastWait = repeat.path("waitInterval").asInt() > 0
                ? Duration.ofMinutes(repeat.path("waitInterval").asInt()) : LAST_LEVEL_WAIT;
        List<Level> levels = new ArrayList<>();
        List<Duration> delays = List.copyOf(byDelay.keySet());
        for (int i = 0; i < delays.size(); i++) {
            Duration wait = i + 1 < delays.size() ? delays.get(i + 1).minus(delays.get(i)) : lastWait;
            levels.add(new Level(wait, byDelay.get(delays.get(i))));
        }
        return new EscalationPolicy(name, teams.get(escalation.path("ownerTeam").path("id").asString()),
                Math.min(10, repeat.path("count").asInt(0)), levels);
    }

    private static Channel channel(String method) {
        return switch (method) {
            case "email" -> Channel.EMAIL;
            case "sms" -> Channel.SMS;
            case "voice" -> Channel.VOICE;
            default -> null;
        };
    }

    /** Opsgenie writes numbers as country code, dash, number ("1-2015550123"). */
    private static String address(Channel channel, String to) {
        return channel == Channel.EMAIL ? to : "+" + to.replaceAll("\\D", "");
    }

    private static LocalTime time(JsonNode window) {
        return LocalTime.of(window.path("startHour").asInt(), window.path("startMin").asInt());
    }

    private static Duration length(LocalTime start, LocalTime end) {
        Duration length = Duration.between(start, end);
        return length.isPositive() ? length : length.plusDays(1);
    }

    private static Duration amount(JsonNode amount) {
        long value = amount.path("timeAmount").asLong();
        return switch (amount.path("timeUnit").asString("minutes")) {
            case "hours" -> Duration.ofHours(value);
            case "days" -> Duration.ofDays(value);
            default -> Duration.ofMinutes(value);
        };
    }

    /** Every item of a list endpoint, following {@code paging.next} until there is none. */
    private List<JsonNode> all(String path) {
        List<JsonNode> items = new ArrayList<>();
        for (String next = path; next != null; ) {
            JsonNode page = api.get(next);
            page.path("data").forEach(items::add);
            JsonNode link = page.path("paging").path("next");
            next = link.isString() && !link.asString().isBlank() ? link.asString() : null;
        }
        return items;
    }
}
