package io.tocsin.cli.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Urgency;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * All on-call configuration of one Tocsin as one document: objects name each other by name (users by email), never
 * by database id, so the file means the same on any instance. {@link #canonical()} gives the one form two equal
 * configurations share: what the server keeps unordered is sorted, defaults filled, empty lists present.
 */
@JsonInclude(Include.NON_EMPTY)
public record ConfigDocument(List<Team> teams, List<User> users, List<Schedule> schedules,
        List<EscalationPolicy> escalationPolicies, List<Service> services, List<StatusPage> statusPages) {

    public ConfigDocument canonical() {
        return new ConfigDocument(
                sorted(teams, Team::canonical, Comparator.comparing(Team::name)),
                sorted(users, User::canonical, Comparator.comparing(User::email)),
                sorted(schedules, Schedule::canonical, Comparator.comparing(Schedule::name)),
                sorted(escalationPolicies, EscalationPolicy::canonical, Comparator.comparing(EscalationPolicy::name)),
                sorted(services, Service::canonical, Comparator.comparing(Service::name)),
                sorted(statusPages, StatusPage::canonical, Comparator.comparing(StatusPage::slug)));
    }

    /** A group of people owning schedules, policies and services. */
    public record Team(String name) {

        Team canonical() {
            return this;
        }
    }

    /** A person, known by their email, with how to reach them. */
    @JsonInclude(Include.NON_EMPTY)
    public record User(String email, String name, List<ContactMethod> contactMethods) {

        User canonical() {
            return new User(email, name, sorted(contactMethods, ContactMethod::canonical,
                    Comparator.comparing(ContactMethod::channel).thenComparing(ContactMethod::address)));
        }
    }

    /** An address on a channel and the rules paging it: for incidents of an urgency, so long after being targeted. */
    @JsonInclude(Include.NON_EMPTY)
    public record ContactMethod(Channel channel, String address, List<NotificationRule> notificationRules) {

        ContactMethod canonical() {
            return new ContactMethod(channel, address, sorted(notificationRules, Function.identity(),
                    Comparator.comparing(NotificationRule::urgency).thenComparing(NotificationRule::delay)));
        }
    }

    public record NotificationRule(Urgency urgency, Duration delay) {
    }

    /** Rotations in layers, in a time zone, with the overrides that have not ended. */
    @JsonInclude(Include.NON_EMPTY)
    public record Schedule(String name, String team, String timeZone, List<Rotation> rotations,
            List<ScheduleOverride> overrides) {

        Schedule canonical() {
            return new Schedule(name, team, timeZone, sorted(rotations, Rotation::canonical, null),
                    sorted(overrides, Function.identity(), Comparator.comparing(ScheduleOverride::startsAt)
                            .thenComparing(ScheduleOverride::endsAt).thenComparing(ScheduleOverride::user)
                            .thenComparing(ScheduleOverride::replaces, Comparator.nullsFirst(Comparator.naturalOrder()))));
        }
    }

    /** Participants (emails) taking turns of {@code shiftLength} {@code shiftUnit}s from {@code start}, local time. */
    @JsonInclude(Include.NON_EMPTY)
    public record Rotation(String name, Integer layer, LocalDateTime start, int shiftLength, ShiftUnit shiftUnit,
            List<String> participants, List<Restriction> restrictions) {

        Rotation canonical() {
            return new Rotation(name, layer == null ? 1 : layer, start, shiftLength, shiftUnit,
                    participants == null ? List.of() : participants,
                    sorted(restrictions, Restriction::canonical, null));
        }
    }

    public enum ShiftUnit {
        HOURS, DAYS, WEEKS
    }

    /** On each of {@code days}, from {@code start} to {@code end}; an end at or before the start is the next day. */
    public record Restriction(List<DayOfWeek> days, LocalTime start, LocalTime end) {

        Restriction canonical() {
            return new Restriction(days == null ? List.of() : List.copyOf(new TreeSet<>(days)), start, end);
        }
    }

    /** {@code user} on call from {@code startsAt} to {@code endsAt}, instead of {@code replaces} if given. */
    @JsonInclude(Include.NON_NULL)
    public record ScheduleOverride(String user, String replaces, Instant startsAt, Instant endsAt) {
    }

    /** Levels paged in turn, the whole policy {@code repeatCount} more times while nobody acknowledges. */
    @JsonInclude(Include.NON_EMPTY)
    public record EscalationPolicy(String name, String team, Integer repeatCount, List<Level> levels) {

        EscalationPolicy canonical() {
            return new EscalationPolicy(name, team, repeatCount == null ? 0 : repeatCount,
                    sorted(levels, Level::canonical, null));
        }
    }

    /** Whom to page, then how long to wait for an acknowledgement before the next level. */
    public record Level(Duration delay, List<Target> targets) {

        /** Tocsin pages a level's targets together and keeps no order among them. */
        Level canonical() {
            return new Level(delay, sorted(targets, Function.identity(), Comparator.comparing(Target::toString)));
        }
    }

    /** Exactly one of: a user (email), a schedule (name), a Slack channel (its Slack ID) or a webhook (URL). */
    @JsonInclude(Include.NON_NULL)
    public record Target(String user, String schedule, String slackChannel, String webhook) {

        long kinds() {
            return java.util.stream.Stream.of(user, schedule, slackChannel, webhook).filter(Objects::nonNull).count();
        }
    }

    /**
     * Something monitored: its integrations receive alerts, its policy pages. {@code alertGrouping} (none when left
     * out), {@code resolveWhen} (ALL_ALERTS when left out) and {@code stormGuard} (off when left out) say how its
     * alerts become incidents.
     */
    @JsonInclude(Include.NON_EMPTY)
    public record Service(String name, String team, String escalationPolicy, Urgency urgency, Duration ackTimeout,
            Duration autoResolveTimeout, AlertGrouping alertGrouping, ResolveWhen resolveWhen, StormGuard stormGuard,
            List<Integration> integrations, List<MaintenanceWindow> maintenanceWindows) {

        /** A service whose alerts each open their own incident, as another tool's services do. */
        public Service(String name, String team, String escalationPolicy, Urgency urgency, Duration ackTimeout,
                Duration autoResolveTimeout, List<Integration> integrations,
                List<MaintenanceWindow> maintenanceWindows) {
            this(name, team, escalationPolicy, urgency, ackTimeout, autoResolveTimeout, null, null, null, integrations,
                    maintenanceWindows);
        }

        Service canonical() {
            return new Service(name, team, escalationPolicy, urgency == null ? Urgency.HIGH : urgency, ackTimeout,
                    autoResolveTimeout,
                    alertGrouping == null || alertGrouping.type() == GroupingType.NONE ? null : alertGrouping.canonical(),
                    resolveWhen == ResolveWhen.ALL_ALERTS ? null : resolveWhen, stormGuard,
                    sorted(integrations, Integration::canonical, Comparator.comparing(Integration::name)),
                    sorted(maintenanceWindows, Function.identity(), Comparator.comparing(MaintenanceWindow::startsAt)
                            .thenComparing(MaintenanceWindow::endsAt)));
        }

        /** The same service with these integrations and maintenance windows. */
        Service with(List<Integration> integrations, List<MaintenanceWindow> maintenanceWindows) {
            return new Service(name, team, escalationPolicy, urgency, ackTimeout, autoResolveTimeout, alertGrouping,
                    resolveWhen, stormGuard, integrations, maintenanceWindows);
        }
    }

    /** Which alerts share an incident: those within {@code window} (TIME), with the same {@code fields} too (CONTENT). */
    @JsonInclude(Include.NON_EMPTY)
    public record AlertGrouping(GroupingType type, Duration window, List<String> fields) {

        AlertGrouping canonical() {
            return new AlertGrouping(type, window, fields == null ? List.of() : fields);
        }
    }

    public enum GroupingType {
        NONE, TIME, CONTENT
    }

    /** When an incident of several alerts resolves on its own: once all resolved, or the first. */
    public enum ResolveWhen {
        ALL_ALERTS, FIRST_RESOLVE
    }

    /** Past {@code threshold} incidents within {@code window}, further alerts join one storm incident. */
    public record StormGuard(int threshold, Duration window) {
    }

    /**
     * How one monitor sends alerts, and the event rules its alerts pass, in order. The export never holds a key; an
     * importer may, to keep a key monitors already use. {@code enabled} is left out when true.
     */
    @JsonInclude(Include.NON_EMPTY)
    public record Integration(String name, IntegrationType type, Map<String, String> settings, Boolean enabled,
            String key, List<EventRule> rules) {

        /** An integration whose alerts pass no event rules. */
        public Integration(String name, IntegrationType type, Map<String, String> settings, Boolean enabled,
                String key) {
            this(name, type, settings, enabled, key, null);
        }

        Integration canonical() {
            return new Integration(name, type, settings == null ? Map.of() : new TreeMap<>(settings),
                    Boolean.FALSE.equals(enabled) ? false : null, key,
                    sorted(rules, EventRule::canonical, null));
        }

        /** As the server shows it: it keeps only a hash of the key. */
        Integration withoutKey() {
            return new Integration(name, type, settings, enabled, null, rules);
        }
    }

    /**
     * When {@code when} (a CEL expression over {@code alert}) holds, {@code then} applies; the rules after it are
     * tried too only with {@code continue: true}.
     */
    @JsonInclude(Include.NON_NULL)
    public record EventRule(String when, RuleActions then, @JsonProperty("continue") Boolean continues) {

        EventRule canonical() {
            return new EventRule(when, then == null ? null : then.canonical(),
                    Boolean.TRUE.equals(continues) ? true : null);
        }
    }

    /** What a rule does; {@code routeTo} names another service. Only what is given changes. */
    @JsonInclude(Include.NON_NULL)
    public record RuleActions(String routeTo, Urgency urgency, Severity severity, Boolean suppress, String dedupKey,
            Boolean drop) {

        RuleActions canonical() {
            return new RuleActions(routeTo, urgency, severity, Boolean.TRUE.equals(suppress) ? true : null, dedupKey,
                    Boolean.TRUE.equals(drop) ? true : null);
        }
    }

    @JsonInclude(Include.NON_NULL)
    public record MaintenanceWindow(Instant startsAt, Instant endsAt, String reason) {
    }

    /** A public page at /status/{slug} showing the state of these services, in this order. */
    @JsonInclude(Include.NON_EMPTY)
    public record StatusPage(String slug, String title, List<String> services) {

        StatusPage canonical() {
            return new StatusPage(slug, title, services == null ? List.of() : services);
        }
    }

    /** The items made canonical, sorted if {@code order} is given; absent lists become empty ones. */
    static <T> List<T> sorted(List<T> items, Function<T, T> canonical, Comparator<T> order) {
        if (items == null) {
            return List.of();
        }
        var stream = items.stream().filter(Objects::nonNull).map(canonical);
        return order == null ? stream.toList() : stream.sorted(order).toList();
    }
}
