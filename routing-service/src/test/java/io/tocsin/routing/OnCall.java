package io.tocsin.routing;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.IncidentCommand;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Topics;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.policy.EscalationPolicies;
import io.tocsin.routing.policy.EscalationPolicy;
import io.tocsin.routing.policy.EscalationPolicy.Level;
import io.tocsin.routing.policy.EscalationPolicy.Target;
import io.tocsin.routing.policy.EscalationPolicy.TargetType;
import io.tocsin.routing.schedule.Rotation;
import io.tocsin.routing.schedule.Schedules;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.service.ServiceSpec;
import io.tocsin.routing.service.Services;
import io.tocsin.routing.user.ContactMethod;
import io.tocsin.routing.user.User;
import io.tocsin.routing.user.Users;
import io.tocsin.testkit.TestKafka;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Test data in business words: responders, policies, services, and monitors sending alerts. */
@Component
public class OnCall {

    private final Users users;
    private final EscalationPolicies policies;
    private final Services services;
    private final Schedules schedules;
    private final JdbcClient jdbc;
    private final Clock clock;

    OnCall(Users users, EscalationPolicies policies, Services services, Schedules schedules, JdbcClient jdbc,
            Clock clock) {
        this.users = users;
        this.policies = policies;
        this.services = services;
        this.schedules = schedules;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A responder; add how to reach them with {@link #pages}. */
    public User responder(String name) {
        return users.create(name + " " + UUID.randomUUID().toString().substring(0, 6), null);
    }

    /** "page {@code user} by {@code channel} at {@code address}, {@code delay} after they are targeted". */
    public ContactMethod pages(User user, Channel channel, String address, Urgency urgency, Duration delay) {
        ContactMethod method = users.addContactMethod(user.id(), channel, address);
        users.addRule(method, urgency, delay);
        return method;
    }

    public ContactMethod pages(User user, Channel channel, String address, Duration delay) {
        return pages(user, channel, address, Urgency.HIGH, delay);
    }

    /** A level of a policy: these users, then wait {@code delay} for an acknowledgement. */
    public static Level level(Duration delay, User... targets) {
        return new Level(0, delay, Arrays.stream(targets).map(u -> new Target(TargetType.USER, u.id().toString())).toList());
    }

    /** A level paging whoever is on call in the schedule when it fires. */
    public static Level onCallIn(Duration delay, UUID scheduleId) {
        return new Level(0, delay, List.of(new Target(TargetType.SCHEDULE, scheduleId.toString())));
    }

    /** A level posting to a Slack channel. */
    public static Level slackChannel(Duration delay, String channelId) {
        return new Level(0, delay, List.of(new Target(TargetType.SLACK_CHANNEL, channelId)));
    }

    /** A level posting the incident to a webhook. */
    public static Level webhook(Duration delay, String url) {
        return new Level(0, delay, List.of(new Target(TargetType.WEBHOOK, url)));
    }

    /** A schedule where these users take daily turns, the first one's shift having begun an hour ago. */
    public UUID dailyRotation(User... users) {
        LocalDateTime anHourAgo = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).minusHours(1)
                .truncatedTo(ChronoUnit.MINUTES);
        return schedules.create("schedule " + UUID.randomUUID(), ZoneOffset.UTC, List.of(new Rotation(UUID.randomUUID(),
                "daily", anHourAgo, 1, Rotation.ShiftUnit.DAYS, Arrays.stream(users).map(User::id).toList())), null);
    }

    public EscalationPolicy policy(int repeatCount, Level... levels) {
        return policies.create("policy " + UUID.randomUUID(), repeatCount, List.of(levels), null);
    }

    public Service service(EscalationPolicy policy, Urgency urgency) {
        return service(policy, urgency, null, null);
    }

    public Service service(EscalationPolicy policy, Urgency urgency, Duration ackTimeout, Duration autoResolve) {
        return services.create(new ServiceSpec("service " + UUID.randomUUID().toString().substring(0, 6),
                policy == null ? null : policy.id(), urgency, ackTimeout, autoResolve, null));
    }

    public Service service(EscalationPolicy policy) {
        return service(policy, Urgency.HIGH);
    }

    /** A monitor's event as ingest would publish it. */
    public AlertEvent alert(Service service, AlertAction action, String dedupKey, String summary) {
        return alert(service, action, dedupKey, summary, Map.of());
    }

    /** A monitor's event from host "test-monitor" with these details, as ingest would publish it. */
    public AlertEvent alert(Service service, AlertAction action, String dedupKey, String summary,
            Map<String, Object> details) {
        return alert(service, action, dedupKey, summary, details, Map.of());
    }

    /** The same, its Kafka record carrying these headers (a W3C traceparent, say). */
    public AlertEvent alert(Service service, AlertAction action, String dedupKey, String summary,
            Map<String, Object> details, Map<String, String> headers) {
        AlertEvent event = event(service, action, dedupKey, summary, details);
        TestKafka.send(Topics.ALERTS, event.key(), event, headers);
        return event;
    }

    /** A monitor's event from host "test-monitor" as ingest would publish it, not sent (to apply it directly). */
    public AlertEvent event(Service service, AlertAction action, String dedupKey, String summary,
            Map<String, Object> details) {
        return new AlertEvent(UUID.randomUUID(), AlertEvent.SCHEMA_VERSION, action, service.id(), UUID.randomUUID(),
                "EVENTS_V2", dedupKey, summary, Severity.CRITICAL, "test-monitor", details, "{}", clock.instant(),
                clock.instant());
    }

    /** A heartbeat ping from the integration, as ingest publishes it. */
    public AlertEvent ping(Service service, UUID integrationId) {
        AlertEvent event = new AlertEvent(UUID.randomUUID(), AlertEvent.SCHEMA_VERSION, AlertAction.HEARTBEAT,
                service.id(), integrationId, "HEARTBEAT", "ping", null, null, "cron", Map.of(), "", clock.instant(),
                clock.instant());
        TestKafka.send(Topics.ALERTS, event.key(), event);
        return event;
    }

    public AlertEvent trigger(Service service, String dedupKey, String summary) {
        return alert(service, AlertAction.TRIGGER, dedupKey, summary);
    }

    /** A responder's answer as the notifier would publish it. */
    public IncidentCommand command(UUID incidentId, IncidentCommand.CommandType type, User user, Channel via) {
        IncidentCommand command = new IncidentCommand(UUID.randomUUID(), IncidentCommand.SCHEMA_VERSION, incidentId,
                type, user.id(), user.name(), via, clock.instant());
        TestKafka.send(Topics.COMMANDS, incidentId.toString(), command);
        return command;
    }

    /** What became of a page, as the notifier would report it. */
    public DeliveryReported report(NotificationRequested page, DeliveryStatus status, int attempt, String detail) {
        DeliveryReported report = reportOf(page, status, attempt, detail);
        TestKafka.send(Topics.DELIVERIES, page.incidentId().toString(), report);
        return report;
    }

    /** What became of a page, as the notifier would report it, not sent (to apply it directly). */
    public DeliveryReported reportOf(NotificationRequested page, DeliveryStatus status, int attempt, String detail) {
        return new DeliveryReported(UUID.randomUUID(), DeliveryReported.SCHEMA_VERSION, page.id(), page.incidentId(),
                page.channel(), status, detail, clock.instant(), attempt);
    }

    /** The incident's timeline messages, in order. */
    public List<String> timelineMessages(UUID incidentId) {
        return jdbc.sql("select message from incident_log where incident_id = :id order by id")
                .param("id", incidentId)
                .query(String.class)
                .list();
    }

    /** Every page routing asked for, read from the notifications topic by one recorder for the whole test JVM. */
    private static final class Pages {
        static final TestKafka.Recorder<NotificationRequested> RECORDED =
                TestKafka.record(Topics.NOTIFICATIONS, NotificationRequested.class);
    }

    /** The pages routing asked for about the incident so far, in the order it asked. */
    public List<NotificationRequested> pagesFor(UUID incidentId) {
        return Pages.RECORDED.messages().stream().filter(page -> incidentId.equals(page.incidentId())).toList();
    }

    /** Waits for routing to ask for a page about the incident to the user by the channel; the first such page. */
    public NotificationRequested awaitPage(UUID incidentId, User user, Channel channel) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pagesFor(incidentId).stream()
                .filter(page -> user.id().equals(page.userId()) && page.channel() == channel).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    /** Waits for the monitor's alert to open an incident; its id. */
    public UUID awaitIncident(Service service, String dedupKey) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> incidentId(service, dedupKey), Objects::nonNull);
    }

    /** The newest incident of the service with this dedup key, or null. */
    public UUID incidentId(Service service, String dedupKey) {
        return jdbc.sql("select id from incident where service_id = :s and dedup_key = :d order by created_at desc limit 1")
                .param("s", service.id())
                .param("d", dedupKey)
                .query(UUID.class)
                .optional()
                .orElse(null);
    }

    public List<UUID> incidentIds(Service service, String dedupKey) {
        return new ArrayList<>(jdbc.sql("select id from incident where service_id = :s and dedup_key = :d order by created_at")
                .param("s", service.id())
                .param("d", dedupKey)
                .query(UUID.class)
                .list());
    }

    /** The incident's timeline events, in order. */
    public List<String> timeline(UUID incidentId) {
        return jdbc.sql("select event from incident_log where incident_id = :id order by id")
                .param("id", incidentId)
                .query(String.class)
                .list();
    }

    /** When routing last heard from the integration (for a heartbeat, its last ping), or the epoch if never. */
    public Instant lastEventAt(UUID integrationId) {
        return jdbc.sql("select coalesce(last_event_at, 'epoch') as last_event_at from integration where id = :id")
                .param("id", integrationId)
                .query((rs, n) -> SqlTime.instant(rs, "last_event_at"))
                .single();
    }

    /** Timers of the incident that are due and not yet fired: zero once the engine caught up. */
    public long dueTimers(UUID incidentId) {
        return jdbc.sql("select count(*) from timer where incident_id = :id and due_at <= :now")
                .param("id", incidentId)
                .param("now", SqlTime.of(clock.instant()))
                .query(Long.class)
                .single();
    }
}
