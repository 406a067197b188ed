package io.tocsin.routing.service;

import io.tocsin.contracts.Urgency;
import io.tocsin.routing.SqlTime;
import io.tocsin.routing.service.Service.ResolveWhen;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The services alerts belong to, and their maintenance windows. */
@Repository
public class Services {

    /** The id of the built-in {@link #tocsin()} service, the same in every installation. */
    public static final UUID TOCSIN_ID = UUID.fromString("00000000-0000-0000-0000-00000070c51e");

    private static final String COLUMNS = "id, name, escalation_policy_id, urgency, ack_timeout_seconds,"
            + " auto_resolve_seconds, team_id, alert_grouping, resolve_when, storm_guard";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    Services(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public Optional<Service> find(UUID id) {
        return findAll(List.of(id)).stream().findFirst();
    }

    /** Those of these services that exist, in one statement. */
    public List<Service> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from service where id in (:ids)")
                .param("ids", List.copyOf(ids))
                .query(this::map)
                .list();
    }

    /** A service with its maintenance windows not ended at the instant they were read, soonest first. */
    public record WithWindows(Service service, List<MaintenanceWindow> windows) {
    }

    /**
     * Those of these services that exist, each with its windows not ended at {@code now}, in one statement: paging
     * a new incident asks for both.
     */
    public List<WithWindows> findAllWithWindows(Collection<UUID> ids, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, WithWindows> found = new LinkedHashMap<>();
        jdbc.sql("select service.*, w.id as window_id, w.starts_at, w.ends_at, w.reason"
                        + " from (select " + COLUMNS + " from service where id in (:ids)) service"
                        + " left join maintenance_window w on w.service_id = service.id and w.ends_at > :now"
                        + " order by service.id, w.starts_at, w.id")
                .param("ids", List.copyOf(ids))
                .param("now", SqlTime.of(now))
                .query((RowCallbackHandler) rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    WithWindows service = found.get(id);
                    if (service == null) {
                        service = new WithWindows(map(rs, 0), new ArrayList<>());
                        found.put(id, service);
                    }
                    UUID windowId = rs.getObject("window_id", UUID.class);
                    if (windowId != null) {
                        service.windows().add(new MaintenanceWindow(windowId, id, SqlTime.instant(rs, "starts_at"),
                                SqlTime.instant(rs, "ends_at"), rs.getString("reason")));
                    }
                });
        return List.copyOf(found.values());
    }

    /** The services of the team (every service if {@code teamId} is null), by name. */
    public List<Service> list(UUID teamId) {
        return jdbc.sql("select " + COLUMNS + " from service where (cast(:team as uuid) is null or team_id = :team)"
                        + " order by name, id")
                .param("team", teamId)
                .query(this::map)
                .list();
    }

    public boolean any() {
        return jdbc.sql("select exists (select 1 from service)").query(Boolean.class).single();
    }

    /**
     * The built-in "Tocsin" service, created the first time it is needed: what Tocsin has to say about itself (an
     * alert it could not process) opens incidents here when no other service is known. Pages nobody until an admin
     * gives it an escalation policy.
     */
    public Service tocsin() {
        jdbc.sql("""
                        insert into service (id, name, urgency, created_at) values (:id, 'Tocsin', 'HIGH', :now)
                        on conflict (id) do nothing
                        """)
                .param("id", TOCSIN_ID)
                .param("now", SqlTime.of(clock.instant()))
                .update();
        return find(TOCSIN_ID).orElseThrow();
    }

    public Service create(ServiceSpec spec) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into service (id, name, escalation_policy_id, urgency, ack_timeout_seconds,
                                             auto_resolve_seconds, team_id, alert_grouping, resolve_when, storm_guard,
                                             created_at)
                        values (:id, :name, :policy, :urgency, :ack, :resolve, :team, cast(:grouping as jsonb),
                                :resolveWhen, cast(:stormGuard as jsonb), :now)
                        """)
                .param("id", id)
                .params(values(spec))
                .param("now", SqlTime.of(clock.instant()))
                .update();
        return find(id).orElseThrow();
    }

    public Optional<Service> update(UUID id, ServiceSpec spec) {
        int updated = jdbc.sql("""
                        update service set name = :name, escalation_policy_id = :policy, urgency = :urgency,
                                           ack_timeout_seconds = :ack, auto_resolve_seconds = :resolve,
                                           team_id = :team, alert_grouping = cast(:grouping as jsonb),
                                           resolve_when = :resolveWhen, storm_guard = cast(:stormGuard as jsonb)
                        where id = :id
                        """)
                .param("id", id)
                .params(values(spec))
                .update();
        return updated == 0 ? Optional.empty() : find(id);
    }

    /** Deletes a service that never had an incident; false if there was no such service. */
    public boolean delete(UUID id) {
        return jdbc.sql("delete from service where id = :id").param("id", id).update() == 1;
    }

    public boolean hasIncidents(UUID id) {
        return jdbc.sql("select exists (select 1 from incident where service_id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    public MaintenanceWindow addMaintenanceWindow(UUID serviceId, Instant startsAt, Instant endsAt, String reason) {
        MaintenanceWindow window = new MaintenanceWindow(UUID.randomUUID(), serviceId, startsAt, endsAt, reason);
        jdbc.sql("""
                        insert into maintenance_window (id, service_id, starts_at, ends_at, reason, created_at)
                        values (:id, :service, :starts, :ends, :reason, :now)
                        """)
                .param("id", window.id())
                .param("service", serviceId)
                .param("starts", SqlTime.of(startsAt))
                .param("ends", SqlTime.of(endsAt))
                .param("reason", reason)
                .param("now", SqlTime.of(clock.instant()))
                .update();
        return window;
    }

    /** The service's windows that have not ended yet, soonest first. */
    public List<MaintenanceWindow> maintenanceWindows(UUID serviceId, Instant now) {
        return maintenanceWindows(List.of(serviceId), now);
    }

    /** These services' windows that have not ended yet, soonest first, in one statement. */
    public List<MaintenanceWindow> maintenanceWindows(Collection<UUID> serviceIds, Instant now) {
        if (serviceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select id, service_id, starts_at, ends_at, reason from maintenance_window
                        where service_id in (:services) and ends_at > :now order by starts_at, id
                        """)
                .param("services", List.copyOf(serviceIds))
                .param("now", SqlTime.of(now))
                .query((rs, n) -> new MaintenanceWindow(rs.getObject("id", UUID.class),
                        rs.getObject("service_id", UUID.class), SqlTime.instant(rs, "starts_at"),
                        SqlTime.instant(rs, "ends_at"), rs.getString("reason")))
                .list();
    }

    public boolean deleteMaintenanceWindow(UUID serviceId, UUID windowId) {
        return jdbc.sql("delete from maintenance_window where id = :id and service_id = :service")
                .param("id", windowId)
                .param("service", serviceId)
                .update() == 1;
    }

    /** The window in force for the service now, if any. */
    public Optional<MaintenanceWindow> activeMaintenance(UUID serviceId, Instant now) {
        return activeAt(maintenanceWindows(serviceId, now), now);
    }

    /** The window of these, soonest first, in force now, if any. */
    public static Optional<MaintenanceWindow> activeAt(List<MaintenanceWindow> windows, Instant now) {
        return windows.stream()
                .filter(window -> !window.startsAt().isAfter(now) && window.endsAt().isAfter(now))
                .findFirst();
    }

    /** The spec's values as the insert and the update name them. */
    private Map<String, Object> values(ServiceSpec spec) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", spec.name());
        values.put("policy", spec.escalationPolicyId());
        values.put("urgency", spec.urgency().name());
        values.put("ack", seconds(spec.ackTimeout()));
        values.put("resolve", seconds(spec.autoResolveTimeout()));
        values.put("team", spec.teamId());
        // no grouping is kept as null: what services created before grouping existed have
        values.put("grouping", spec.alertGrouping().type() == AlertGrouping.Type.NONE ? null
                : json.writeValueAsString(spec.alertGrouping()));
        values.put("resolveWhen", spec.resolveWhen().name());
        values.put("stormGuard", spec.stormGuard() == null ? null : json.writeValueAsString(spec.stormGuard()));
        return values;
    }

    private static Long seconds(Duration duration) {
        return duration == null ? null : duration.toSeconds();
    }

    private Service map(ResultSet rs, int row) throws SQLException {
        long ack = rs.getLong("ack_timeout_seconds");
        Duration ackTimeout = rs.wasNull() ? null : Duration.ofSeconds(ack);
        long resolve = rs.getLong("auto_resolve_seconds");
        Duration autoResolve = rs.wasNull() ? null : Duration.ofSeconds(resolve);
        return new Service(rs.getObject("id", UUID.class), rs.getString("name"),
                rs.getObject("escalation_policy_id", UUID.class), Urgency.valueOf(rs.getString("urgency")),
                ackTimeout, autoResolve, rs.getObject("team_id", UUID.class),
                rs.getString("alert_grouping") == null ? AlertGrouping.NONE
                        : json.readValue(rs.getString("alert_grouping"), AlertGrouping.class),
                ResolveWhen.valueOf(rs.getString("resolve_when")),
                rs.getString("storm_guard") == null ? null : json.readValue(rs.getString("storm_guard"), StormGuard.class));
    }
}
