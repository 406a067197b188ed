package io.tocsin.routing.incident;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.SqlTime;
import io.tocsin.routing.TransactionScoped;
import io.tocsin.routing.WriteBehind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The incident table and the alerts each incident holds. A transaction keeps the incidents it locked as they are now in
 * it (its own changes included), by id and by the dedup keys of their open alerts, and the keys it found with no open
 * alert: a locked incident cannot change under it, and only the one consumer of a key's alerts opens an alert for it
 * (the unique index refuses any other). A poll's incidents are locked in one statement, in id order, so two
 * transactions locking several never wait on each other in a circle. Alert rows are written behind, in a batch per
 * statement; repeats of an open alert are counted in the transaction and written in one statement when it commits.
 */
@Repository
public class Incidents {

    /** What identifies an open alert: one per service and dedup key. */
    record OpenKey(UUID serviceId, String dedupKey) {
    }

    /** A group of a service's alerts that share an incident (see {@code AlertGrouping}). */
    record GroupKey(UUID serviceId, String key) {
    }

    /**
     * What an incident is opened with: its own summary, severity, source and details (its first alert's, or a storm's),
     * the group it collects alerts for (null for none) and whether it is a storm incident.
     */
    record Opening(String summary, Severity severity, String source, Map<String, Object> details, String rawPayload,
            String groupKey, boolean storm) {

        /** An incident that is what its first alert says, collecting the alerts of this group (null: none). */
        static Opening of(AlertEvent alert, String groupKey) {
            return new Opening(alert.summary(), alert.severity(), alert.source(), alert.details(), alert.rawPayload(),
                    groupKey, false);
        }
    }

    /** An open alert the transaction knows of, and the incident it is in. */
    private record OpenAlert(UUID alertId, UUID incidentId) {
    }

    /** What the transaction did to an incident's row that is not yet written: alerts joined, the last alert's time. */
    private record Repeats(int alerts, Instant lastAt) {
    }

    /** The repeats of an open alert counted in the transaction, not yet written. */
    private record Triggers(int count, Instant lastAt) {
    }

    /** What the transaction locked, as it is now in it, and what it still has to write of it. */
    private static final class Locked {
        final Map<UUID, Incident> byId = new HashMap<>();
        /** Empty for a key known to have no open alert. */
        final Map<OpenKey, Optional<OpenAlert>> openByKey = new HashMap<>();
        final Map<UUID, Map<String, Object>> details = new HashMap<>();
        final Map<UUID, Repeats> repeats = new LinkedHashMap<>();
        final Map<UUID, Triggers> triggers = new LinkedHashMap<>();
        /** The newest open incident of each group looked up; empty for a group known to have none. */
        final Map<GroupKey, Optional<UUID>> groups = new HashMap<>();
        /** The raging storm incident of each service looked up; empty for a service known to have none. */
        final Map<UUID, Optional<UUID>> storms = new HashMap<>();
        final Set<String> groupLocks = new HashSet<>();
    }

    private static final String COLUMNS = """
            id, number, service_id, dedup_key, status, urgency, summary, severity, source, alert_count, suppressed, created_at,
            last_alert_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by, escalation_level,
            escalation_round, escalation_generation""";

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private static final String ALERT_COLUMNS = """
            id, incident_id, dedup_key, status, summary, severity, source, details, raw_payload, trigger_count,
            created_at, last_triggered_at, resolved_at, resolved_by""";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final WriteBehind alertWrites;
    private final TransactionScoped<Locked> locked = TransactionScoped.of(Locked::new, this::writeCounted);

    Incidents(JdbcClient jdbc, NamedParameterJdbcOperations batches, JsonMapper json, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.json = json;
        this.alertWrites = new WriteBehind(batches);
        for (IncidentStatus status : List.of(IncidentStatus.TRIGGERED, IncidentStatus.ACKNOWLEDGED)) {
            Gauge.builder("tocsin.incidents.open", () -> count(status))
                    .description("Incidents not yet resolved")
                    .tag("status", status.name())
                    .register(meters);
        }
    }

    private long count(IncidentStatus status) {
        return jdbc.sql("select count(*) from incident where status = :status")
                .param("status", status.name())
                .query(Long.class)
                .single();
    }

    public Optional<Incident> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from incident where id = :id")
                .param("id", id)
                .query(Incidents::map)
                .optional()
                .map(this::withRepeats);
    }

    /** What the monitor sent with the alert that opened the incident: its details and original payload. */
    public Optional<IncidentDetail> detail(UUID id) {
        return find(id).map(incident -> jdbc.sql("select details, raw_payload from incident where id = :id")
                .param("id", id)
                .query((rs, n) -> new IncidentDetail(incident, details(rs), rs.getString("raw_payload")))
                .single());
    }

    /** The details the monitor sent with the alert that opened the incident (empty if none). */
    public Map<String, Object> details(UUID id) {
        Optional<Map<String, Object>> kept = locked.existing().map(tx -> tx.details.get(id));
        if (kept.isPresent()) {
            return kept.get();
        }
        Map<String, Object> details = jdbc.sql("select details from incident where id = :id")
                .param("id", id)
                .query((rs, n) -> details(rs))
                .single();
        locked.get().ifPresent(tx -> tx.details.put(id, details));
        return details;
    }

    private Map<String, Object> details(ResultSet rs) throws SQLException {
        return rs.getString("details") == null ? Map.of() : json.readValue(rs.getString("details"), DETAILS);
    }

    /** The id of the incident with this number. */
    Optional<UUID> idOf(long number) {
        return jdbc.sql("select id from incident where number = :number")
                .param("number", number)
                .query(UUID.class)
                .optional();
    }

    /** Locks the incident for the rest of the transaction. */
    public Optional<Incident> lock(UUID id) {
        lock(List.of(id));
        return Optional.ofNullable(tx().byId.get(id));
    }

    /** Locks for the rest of the transaction, in one statement, those of these incidents it did not lock yet. */
    public void lock(Collection<UUID> ids) {
        Locked tx = tx();
        List<UUID> toLock = ids.stream().filter(id -> !tx.byId.containsKey(id)).distinct().toList();
        if (!toLock.isEmpty()) {
            jdbc.sql("select " + COLUMNS + " from incident where id in (:ids) order by id for update")
                    .param("ids", toLock)
                    .query(Incidents::map)
                    .list()
                    .forEach(incident -> remember(tx, incident));
        }
    }

    /**
     * Rows of another table that belong to incidents, read in the statement that locks them: {@code select} has an
     * {@code incident_id} column and no other column named as one of the incident's (alias them), {@code params} its
     * named parameters.
     */
    public record Alongside<T>(String select, Map<String, ?> params, RowMapper<T> rows) {
    }

    /**
     * Locks these incidents as {@link #lock(Collection)} does and reads, in the same statement, what {@code alongside}
     * selects of them: one round trip where a poll needs both. Returns the rows read; none of an incident the
     * transaction had locked already, or of one that does not exist.
     */
    public <T> List<T> lock(Collection<UUID> ids, Alongside<T> alongside) {
        Locked tx = tx();
        List<UUID> toLock = ids.stream().filter(id -> !tx.byId.containsKey(id)).distinct().toList();
        if (toLock.isEmpty()) {
            return List.of();
        }
        List<T> read = new ArrayList<>();
        // only the incident's rows are locked: the rows beside them are read as the statement's snapshot saw them, which
        // is what a separate read after the lock would see as long as their writers lock the incident first
        jdbc.sql("select " + COLUMNS + ", alongside.* from incident left join (" + alongside.select() + ") alongside"
                        + " on alongside.incident_id = incident.id where incident.id in (:ids) order by incident.id"
                        + " for update of incident")
                .params(alongside.params())
                .param("ids", toLock)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    if (!tx.byId.containsKey(id)) {
                        remember(tx, map(rs, n));
                    }
                    if (rs.getObject("incident_id") != null) {
                        read.add(alongside.rows().mapRow(rs, n));
                    }
                    return id;
                })
                .list();
        return read;
    }

    /** The incident of the key's open alert, locked for the rest of the transaction; empty if none is open. */
    Optional<Incident> lockOpen(UUID serviceId, String dedupKey) {
        OpenKey key = new OpenKey(serviceId, dedupKey);
        lockOpen(List.of(key));
        Locked tx = tx();
        return tx.openByKey.get(key).map(open -> tx.byId.get(open.incidentId()));
    }

    /**
     * Locks for the rest of the transaction, in one statement, the incidents of the open alerts for those of these
     * keys it did not look up yet, and remembers which keys have none.
     */
    void lockOpen(Collection<OpenKey> keys) {
        Locked tx = tx();
        List<OpenKey> toLock = keys.stream().filter(key -> !tx.openByKey.containsKey(key)).distinct().toList();
        if (toLock.isEmpty()) {
            return;
        }
        alertWrites.flush();
        toLock.forEach(key -> tx.openByKey.put(key, Optional.empty()));
        record Found(Incident incident, OpenKey key, UUID alertId) {
        }
        jdbc.sql("select " + COLUMNS + ", open.alert_id, open.alert_key from incident join (select id as alert_id,"
                        + " incident_id, dedup_key as alert_key from alert where (service_id, dedup_key) in (:keys)"
                        + " and status = 'TRIGGERED') open on open.incident_id = incident.id"
                        + " order by incident.id for update of incident")
                .param("keys", toLock.stream().map(key -> new Object[] {key.serviceId(), key.dedupKey()}).toList())
                .query((rs, n) -> new Found(map(rs, n), new OpenKey(rs.getObject("service_id", UUID.class),
                        rs.getString("alert_key")), rs.getObject("alert_id", UUID.class)))
                .list()
                .forEach(found -> {
                    Incident incident = remember(tx, found.incident());
                    tx.openByKey.put(found.key(), Optional.of(new OpenAlert(found.alertId(), incident.id())));
                });
    }

    /** A page of incidents, newest first, matching the filter and older than the cursor position. */
    public List<Incident> list(IncidentFilter filter, int limit) {
        return jdbc.sql("select " + COLUMNS + " from incident"
                        + " where (cardinality(cast(:statuses as text[])) = 0 or status = any(cast(:statuses as text[])))"
                        + " and (cast(:service as uuid) is null or service_id = :service)"
                        + " and (cast(:since as timestamptz) is null or created_at >= :since)"
                        + " and (cast(:until as timestamptz) is null or created_at < :until)"
                        + " and (cast(:afterAt as timestamptz) is null or (created_at, id) < (:afterAt, :afterId))"
                        + " order by created_at desc, id desc limit :limit")
                .param("statuses", filter.statuses().stream().map(Enum::name).toArray(String[]::new))
                .param("service", filter.serviceId())
                .param("since", SqlTime.of(filter.since()))
                .param("until", SqlTime.of(filter.until()))
                .param("afterAt", filter.after() == null ? null : SqlTime.of(filter.after().createdAt()))
                .param("afterId", filter.after() == null ? null : filter.after().id())
                .param("limit", limit)
                .query(Incidents::map)
                .list();
    }

    /**
     * The incidents that paged the user (a page to them was asked for), open or resolved since {@code resolvedSince},
     * newest first: what they are or were answering for.
     */
    public List<Incident> pagedTo(UUID userId, Instant resolvedSince, int limit) {
        return jdbc.sql("select " + COLUMNS + " from incident"
                        + " where (status <> 'RESOLVED' or resolved_at >= :since)"
                        + " and exists (select 1 from notification n where n.incident_id = incident.id"
                        + " and n.user_id = :user)"
                        + " order by created_at desc, id desc limit :limit")
                .param("user", userId)
                .param("since", SqlTime.of(resolvedSince))
                .param("limit", limit)
                .query(Incidents::map)
                .list();
    }

    /**
     * Opens the incident with the alert as its first: it is locked for the rest of the transaction, as the incident of
     * the key's open alert (and of its group, or the service's storm, if it collects alerts).
     */
    Incident open(AlertEvent alert, Opening opening, Urgency urgency, boolean suppressed, Instant now) {
        Locked tx = tx();
        record Opened(Incident incident, Map<String, Object> details) {
        }
        UUID alertId = UUID.randomUUID();
        // the incident and its first alert in one statement (an event alone costs a round trip less), after the
        // alert writes held so far: one of them may resolve the open alert this key had
        alertWrites.flush();
        Opened opened = jdbc.sql("""
                        with opened as (
                            insert into incident (id, service_id, dedup_key, status, urgency, summary, severity, source,
                                                  details, raw_payload, suppressed, group_key, storm_state, created_at,
                                                  last_alert_at)
                            values (:id, :service, :dedup, 'TRIGGERED', :urgency, :summary, :severity, :source,
                                    cast(:details as jsonb), :raw, :suppressed, :group, :storm, :now, :now)
                            returning *
                        ), first_alert as (
                            insert into alert (id, incident_id, service_id, dedup_key, status, summary, severity, source,
                                               details, raw_payload, created_at, last_triggered_at)
                            select :alert, id, service_id, dedup_key, 'TRIGGERED', :alertSummary, :alertSeverity,
                                   :alertSource, cast(:alertDetails as jsonb), :alertRaw, :now, :now
                            from opened
                        )
                        select details,\s""" + COLUMNS + " from opened")
                .param("id", UUID.randomUUID())
                .param("alert", alertId)
                .param("alertSummary", alert.summary())
                .param("alertSeverity", alert.severity() == null ? null : alert.severity().name())
                .param("alertSource", alert.source())
                .param("alertDetails", alert.details() == null ? null : json.writeValueAsString(alert.details()))
                .param("alertRaw", alert.rawPayload())
                .param("service", alert.serviceId())
                .param("dedup", alert.dedupKey())
                .param("urgency", urgency.name())
                .param("summary", opening.summary())
                .param("severity", opening.severity() == null ? null : opening.severity().name())
                .param("source", opening.source())
                .param("details", opening.details() == null ? null : json.writeValueAsString(opening.details()))
                .param("raw", opening.rawPayload())
                .param("suppressed", suppressed)
                .param("group", opening.groupKey())
                .param("storm", opening.storm() ? "RAGING" : null)
                .param("now", SqlTime.of(now))
                // the details as PostgreSQL keeps them (jsonb orders keys its way), as every later page reads them
                .query((rs, n) -> new Opened(map(rs, n), details(rs)))
                .single();
        tx.details.put(opened.incident().id(), opened.details());
        Incident incident = remember(tx, opened.incident());
        tx.openByKey.put(new OpenKey(alert.serviceId(), alert.dedupKey()), Optional.of(new OpenAlert(alertId,
                incident.id())));
        if (opening.groupKey() != null) {
            tx.groups.put(new GroupKey(alert.serviceId(), opening.groupKey()), Optional.of(incident.id()));
        }
        if (opening.storm()) {
            tx.storms.put(alert.serviceId(), Optional.of(incident.id()));
        }
        return incident;
    }

    /**
     * Holds, until the transaction ends, the advisory locks of these groups (named by text) it does not hold yet,
     * taken in one statement in the order of their hashes: whoever decides what becomes of a group's new alert holds
     * its lock, so two routing instances never both open an incident for one group. Taken before any incident is
     * locked, in every transaction alike, so that no two wait on each other in a circle.
     */
    void lockGroups(Collection<String> groups) {
        Locked tx = tx();
        List<String> toLock = groups.stream().filter(group -> !tx.groupLocks.contains(group)).distinct().toList();
        if (toLock.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        select pg_advisory_xact_lock(hash) from (select distinct hashtextextended(name, 0) as hash
                        from unnest(cast(:names as text[])) as name order by hash) in_order
                        """)
                .param("names", toLock.toArray(String[]::new))
                .query((rs, n) -> n)
                .list();
        tx.groupLocks.addAll(toLock);
    }

    /**
     * Locks for the rest of the transaction, in one statement, the newest open incident of each of these groups it did
     * not look up yet, and remembers which have none. Hold the groups' locks first ({@link #lockGroups}).
     */
    void lockGroupIncidents(Collection<GroupKey> groups) {
        Locked tx = tx();
        List<GroupKey> toLock = groups.stream().filter(group -> !tx.groups.containsKey(group)).distinct().toList();
        if (toLock.isEmpty()) {
            return;
        }
        toLock.forEach(group -> tx.groups.put(group, Optional.empty()));
        // resolved while this waited for its lock: not the group's incident any more
        jdbc.sql("select " + COLUMNS + ", group_key from incident where status <> 'RESOLVED' and id in (select distinct"
                        + " on (service_id, group_key) id from incident where (service_id, group_key) in (:groups)"
                        + " and status <> 'RESOLVED' order by service_id, group_key, created_at desc, id desc)"
                        + " order by id for update")
                .param("groups", toLock.stream().map(group -> new Object[] {group.serviceId(), group.key()}).toList())
                .query((rs, n) -> {
                    Incident incident = remember(tx, map(rs, n));
                    tx.groups.put(new GroupKey(incident.serviceId(), rs.getString("group_key")),
                            Optional.of(incident.id()));
                    return incident;
                })
                .list();
    }

    /** The group's newest open incident, locked for the rest of the transaction; empty if none is open. */
    Optional<Incident> lockGroupIncident(GroupKey group) {
        lockGroupIncidents(List.of(group));
        Locked tx = tx();
        return tx.groups.get(group).map(tx.byId::get);
    }

    /** The service's raging storm incident, locked for the rest of the transaction; empty if none rages. */
    Optional<Incident> lockRagingStorm(UUID serviceId) {
        Locked tx = tx();
        if (!tx.storms.containsKey(serviceId)) {
            tx.storms.put(serviceId, Optional.empty());
            jdbc.sql("select " + COLUMNS + " from incident where service_id = :service and storm_state = 'RAGING'"
                            + " and status <> 'RESOLVED' order by id for update")
                    .param("service", serviceId)
                    .query(Incidents::map)
                    .list()
                    .forEach(incident -> tx.storms.put(serviceId, Optional.of(remember(tx, incident).id())));
        }
        return tx.storms.get(serviceId).map(tx.byId::get);
    }

    /**
     * The incidents, storms left out, opened on the service since then: how many, from how many sources, and the
     * sources most of them came from (at most five, most first).
     */
    record Recent(long incidents, long sources, List<String> topSources) {
    }

    Recent openedSince(UUID serviceId, Instant since) {
        record BySource(String source, long incidents, long sources) {
        }
        List<BySource> bySource = jdbc.sql("""
                        select source, sum(count(*)) over () as incidents, count(*) over () as sources from incident
                        where service_id = :service and created_at > :since and storm_state is null
                        group by source order by count(*) desc, source limit 5
                        """)
                .param("service", serviceId)
                .param("since", SqlTime.of(since))
                .query((rs, n) -> new BySource(rs.getString("source"), rs.getLong("incidents"), rs.getLong("sources")))
                .list();
        return bySource.isEmpty() ? new Recent(0, 0, List.of()) : new Recent(bySource.getFirst().incidents(),
                bySource.getFirst().sources(), bySource.stream().map(BySource::source).toList());
    }

    /** The storm is over: the incident collects no more of its service's alerts; false if it was not raging. */
    boolean calmStorm(UUID id) {
        Locked tx = tx();
        boolean calmed = jdbc.sql("update incident set storm_state = 'CALMED' where id = :id and storm_state = 'RAGING'")
                .param("id", id)
                .update() == 1;
        tx.storms.replaceAll((service, storm) -> storm.filter(raging -> !raging.equals(id)));
        return calmed;
    }

    /** The alert joins the open incident: counted on it now, its row written with the transaction's others. */
    Incident join(UUID incidentId, AlertEvent alert, Instant now) {
        Locked tx = tx();
        addAlert(tx, incidentId, alert, now);
        tx.repeats.merge(incidentId, new Repeats(1, now), (counted, more) -> new Repeats(counted.alerts() + 1, now));
        return tx.byId.computeIfPresent(incidentId, (id, incident) -> incident.repeated(1, now));
    }

    private void addAlert(Locked tx, UUID incidentId, AlertEvent alert, Instant now) {
        UUID alertId = UUID.randomUUID();
        alertWrites.write("""
                insert into alert (id, incident_id, service_id, dedup_key, status, summary, severity, source, details,
                                   raw_payload, created_at, last_triggered_at)
                values (:id, :incident, :service, :dedup, 'TRIGGERED', :summary, :severity, :source,
                        cast(:details as jsonb), :raw, :now, :now)
                """, new MapSqlParameterSource()
                .addValue("id", alertId)
                .addValue("incident", incidentId)
                .addValue("service", alert.serviceId())
                .addValue("dedup", alert.dedupKey())
                .addValue("summary", alert.summary())
                .addValue("severity", alert.severity() == null ? null : alert.severity().name())
                .addValue("source", alert.source())
                .addValue("details", alert.details() == null ? null : json.writeValueAsString(alert.details()))
                .addValue("raw", alert.rawPayload())
                .addValue("now", SqlTime.of(now)));
        tx.openByKey.put(new OpenKey(alert.serviceId(), alert.dedupKey()), Optional.of(new OpenAlert(alertId,
                incidentId)));
    }

    /** It pages from now on: the maintenance that suppressed it is over; the incident as it is now. */
    Incident unsuppress(UUID id) {
        return change(id, "update incident set suppressed = false where id = :id returning " + COLUMNS, Map.of());
    }

    /**
     * The key's open alert triggered again: a repeat of it, counted now and written with the transaction's others when
     * it commits; its incident's last alert is now.
     */
    void retriggered(OpenKey key, Instant now) {
        Locked tx = tx();
        OpenAlert open = tx.openByKey.get(key).orElseThrow();
        tx.triggers.merge(open.alertId(), new Triggers(1, now), (counted, more) -> new Triggers(counted.count() + 1,
                now));
        tx.repeats.merge(open.incidentId(), new Repeats(0, now), (counted, more) -> new Repeats(counted.alerts(), now));
        tx.byId.computeIfPresent(open.incidentId(), (id, incident) -> incident.repeated(0, now));
    }

    /** The key's open alert resolved on its own; its incident is left as it is. */
    void resolveAlert(OpenKey key, Actor actor, Instant now) {
        Locked tx = tx();
        OpenAlert open = tx.openByKey.get(key).orElseThrow();
        alertWrites.write("""
                update alert set status = 'RESOLVED', resolved_at = :now, resolved_by = :actor
                where id = :id and status = 'TRIGGERED'
                """, new MapSqlParameterSource()
                .addValue("id", open.alertId())
                .addValue("now", SqlTime.of(now))
                .addValue("actor", actor.name()));
        tx.openByKey.put(key, Optional.empty());
    }

    /** How many of the incident's alerts are still triggered. */
    int openAlerts(UUID incidentId) {
        alertWrites.flush();
        return jdbc.sql("select count(*) from alert where incident_id = :id and status = 'TRIGGERED'")
                .param("id", incidentId)
                .query(Integer.class)
                .single();
    }

    /** The incident's alerts, in the order they arrived. */
    public List<Alert> alerts(UUID incidentId) {
        alertWrites.flush();
        return jdbc.sql("select " + ALERT_COLUMNS + " from alert where incident_id = :id order by arrival")
                .param("id", incidentId)
                .query((rs, n) -> {
                    String severity = rs.getString("severity");
                    return new Alert(rs.getObject("id", UUID.class), rs.getObject("incident_id", UUID.class),
                            rs.getString("dedup_key"), Alert.Status.valueOf(rs.getString("status")),
                            rs.getString("summary"), severity == null ? null : Severity.valueOf(severity),
                            rs.getString("source"), details(rs), rs.getString("raw_payload"),
                            rs.getInt("trigger_count"), SqlTime.instant(rs, "created_at"),
                            SqlTime.instant(rs, "last_triggered_at"), SqlTime.instant(rs, "resolved_at"),
                            rs.getString("resolved_by"));
                })
                .list();
    }

    /** Marks it acknowledged and voids its pending escalation timers (a new generation); the incident as it is now. */
    Incident acknowledge(UUID id, Actor actor, Instant now) {
        return change(id, """
                        update incident set status = 'ACKNOWLEDGED', acknowledged_at = :now, acknowledged_by = :actor,
                                            escalation_generation = escalation_generation + 1
                        where id = :id
                        returning\s""" + COLUMNS, Map.of("actor", actor.name(), "now", SqlTime.of(now)));
    }

    /**
     * Marks it and its alerts resolved and voids its pending escalation timers (a new generation); the incident as it
     * is now.
     */
    Incident resolve(UUID id, Actor actor, Instant now) {
        alertWrites.write("""
                update alert set status = 'RESOLVED', resolved_at = :now, resolved_by = :actor
                where incident_id = :incident and status = 'TRIGGERED'
                """, new MapSqlParameterSource()
                .addValue("incident", id)
                .addValue("now", SqlTime.of(now))
                .addValue("actor", actor.name()));
        return change(id, """
                        update incident set status = 'RESOLVED', resolved_at = :now, resolved_by = :actor,
                                            escalation_generation = escalation_generation + 1
                        where id = :id
                        returning\s""" + COLUMNS, Map.of("actor", actor.name(), "now", SqlTime.of(now)));
    }

    /**
     * Back to triggered (un-acknowledged or acknowledgement timed out), with a new escalation generation; the incident
     * as it is now.
     */
    Incident retrigger(UUID id) {
        return change(id, """
                        update incident set status = 'TRIGGERED', acknowledged_at = null, acknowledged_by = null,
                                            escalation_level = 0, escalation_round = 0,
                                            escalation_generation = escalation_generation + 1
                        where id = :id
                        returning\s""" + COLUMNS, Map.of());
    }

    /** Voids the incident's pending escalation timers without changing its status; the incident as it is now. */
    Incident newGeneration(UUID id) {
        return change(id, "update incident set escalation_generation = escalation_generation + 1 where id = :id"
                + " returning " + COLUMNS, Map.of());
    }

    /** The incident's current escalation step: this level, in this repeat of the policy (nothing to write if it is). */
    public void escalatedTo(UUID id, int level, int round) {
        Incident now = tx().byId.get(id);
        if (now != null && now.escalationLevel() == level && now.escalationRound() == round) {
            return;
        }
        change(id, """
                        update incident set escalation_level = :level, escalation_round = :round where id = :id
                        returning\s""" + COLUMNS, Map.of("level", level, "round", round));
    }

    /** Runs an update of the incident that returns it, and keeps it as it now is in the transaction. */
    private Incident change(UUID id, String update, Map<String, ?> params) {
        Locked tx = tx();
        Incident changed = jdbc.sql(update)
                .param("id", id)
                .params(params)
                .query(Incidents::map)
                .single();
        return remember(tx, changed);
    }

    /**
     * Keeps the incident as it is now in the transaction: as the database returned it, with what was counted and not
     * yet written; once it is resolved, none of its alerts is open any more.
     */
    private Incident remember(Locked tx, Incident fromDatabase) {
        Incident incident = withRepeats(tx, fromDatabase);
        tx.byId.put(incident.id(), incident);
        if (incident.status() == IncidentStatus.RESOLVED) {
            tx.openByKey.replaceAll((key, open) -> open.filter(alert -> !alert.incidentId().equals(incident.id())));
            tx.groups.replaceAll((group, open) -> open.filter(incident.id()::equals).isPresent() ? Optional.empty()
                    : open);
            tx.storms.replaceAll((service, open) -> open.filter(incident.id()::equals).isPresent() ? Optional.empty()
                    : open);
        }
        return incident;
    }

    private Incident withRepeats(Incident fromDatabase) {
        return locked.existing().map(tx -> withRepeats(tx, fromDatabase)).orElse(fromDatabase);
    }

    private static Incident withRepeats(Locked tx, Incident fromDatabase) {
        Repeats repeats = tx.repeats.get(fromDatabase.id());
        return repeats == null ? fromDatabase : fromDatabase.repeated(repeats.alerts(), repeats.lastAt());
    }

    /**
     * What the transaction counted: its alert rows first (a repeat may be of an alert it added), then the repeats of
     * alerts and what changed of their incidents, in one statement each however many they were.
     */
    private void writeCounted(Locked tx) {
        alertWrites.flush();
        if (!tx.triggers.isEmpty()) {
            jdbc.sql("""
                            update alert set trigger_count = trigger_count + counted.triggers,
                                             last_triggered_at = counted.last_at
                            from unnest(cast(:ids as uuid[]), cast(:triggers as int[]), cast(:lastAts as timestamptz[]))
                                 as counted(id, triggers, last_at)
                            where alert.id = counted.id
                            """)
                    .param("ids", tx.triggers.keySet().stream().map(UUID::toString).toArray(String[]::new))
                    .param("triggers", tx.triggers.values().stream().map(counted -> Integer.toString(counted.count()))
                            .toArray(String[]::new))
                    .param("lastAts", tx.triggers.values().stream().map(t -> SqlTime.of(t.lastAt()).toString())
                            .toArray(String[]::new))
                    .update();
            tx.triggers.clear();
        }
        if (tx.repeats.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update incident set alert_count = alert_count + counted.alerts, last_alert_at = counted.last_at
                        from unnest(cast(:ids as uuid[]), cast(:alerts as int[]), cast(:lastAts as timestamptz[]))
                             as counted(id, alerts, last_at)
                        where incident.id = counted.id
                        """)
                .param("ids", tx.repeats.keySet().stream().map(UUID::toString).toArray(String[]::new))
                .param("alerts", tx.repeats.values().stream().map(repeats -> Integer.toString(repeats.alerts()))
                        .toArray(String[]::new))
                .param("lastAts", tx.repeats.values().stream().map(r -> SqlTime.of(r.lastAt()).toString())
                        .toArray(String[]::new))
                .update();
        tx.repeats.clear();
    }

    /** What the current transaction locked; incidents change only in one. */
    private Locked tx() {
        return locked.get().orElseThrow(() -> new IllegalStateException("incidents are locked and changed in a"
                + " transaction"));
    }

    private static Incident map(ResultSet rs, int row) throws SQLException {
        String severity = rs.getString("severity");
        return new Incident(rs.getObject("id", UUID.class), rs.getLong("number"), rs.getObject("service_id", UUID.class),
                rs.getString("dedup_key"), IncidentStatus.valueOf(rs.getString("status")),
                Urgency.valueOf(rs.getString("urgency")), rs.getString("summary"),
                severity == null ? null : Severity.valueOf(severity), rs.getString("source"),
                rs.getInt("alert_count"), rs.getBoolean("suppressed"), SqlTime.instant(rs, "created_at"), SqlTime.instant(rs, "last_alert_at"),
                SqlTime.instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"),
                SqlTime.instant(rs, "resolved_at"), rs.getString("resolved_by"), rs.getInt("escalation_level"),
                rs.getInt("escalation_round"), rs.getInt("escalation_generation"));
    }
}
