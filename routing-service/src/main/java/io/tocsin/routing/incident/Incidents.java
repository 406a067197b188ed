package io.tocsin.routing.incident;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.SqlTime;
import io.tocsin.routing.TransactionScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The incident table. A transaction keeps the incidents it locked as they are now in it (its own changes included),
 * by id and by open dedup key, and the keys it found with no open incident: a locked incident cannot change under it,
 * and only the one consumer of a key's alerts opens an incident for it (the unique index refuses any other). A poll's
 * incidents are locked in one statement, in id order, so two transactions locking several never wait on each other in
 * a circle. Alerts for an incident already open are counted in the transaction and written in one statement when it
 * commits.
 */
@Repository
public class Incidents {

    /** What identifies an open incident: one per service and dedup key. */
    record OpenKey(UUID serviceId, String dedupKey) {
    }

    /** The alerts counted for an incident in the transaction, not yet written. */
    private record Repeats(int alerts, Instant lastAt) {
    }

    /** What the transaction locked, as it is now in it, and what it still has to write of it. */
    private static final class Locked {
        final Map<UUID, Incident> byId = new HashMap<>();
        /** Empty for a key known to have no open incident. */
        final Map<OpenKey, Optional<UUID>> openByKey = new HashMap<>();
        final Map<UUID, Map<String, Object>> details = new HashMap<>();
        final Map<UUID, Repeats> repeats = new LinkedHashMap<>();
    }

    private static final String COLUMNS = """
            id, number, service_id, dedup_key, status, urgency, summary, severity, source, alert_count, suppressed, created_at,
            last_alert_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by, escalation_level,
            escalation_round, escalation_generation""";

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionScoped<Locked> locked = TransactionScoped.of(Locked::new, this::writeRepeats);

    Incidents(JdbcClient jdbc, JsonMapper json, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.json = json;
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

    /** The open incident for the key, locked for the rest of the transaction; empty if none is open. */
    Optional<Incident> lockOpen(UUID serviceId, String dedupKey) {
        OpenKey key = new OpenKey(serviceId, dedupKey);
        lockOpen(List.of(key));
        Locked tx = tx();
        return tx.openByKey.get(key).map(tx.byId::get);
    }

    /**
     * Locks for the rest of the transaction, in one statement, the open incidents for those of these keys it did not
     * look up yet, and remembers which keys have none.
     */
    void lockOpen(Collection<OpenKey> keys) {
        Locked tx = tx();
        List<OpenKey> toLock = keys.stream().filter(key -> !tx.openByKey.containsKey(key)).distinct().toList();
        if (toLock.isEmpty()) {
            return;
        }
        toLock.forEach(key -> tx.openByKey.put(key, Optional.empty()));
        jdbc.sql("select " + COLUMNS + " from incident where (service_id, dedup_key) in (:keys)"
                        + " and status <> 'RESOLVED' order by id for update")
                .param("keys", toLock.stream().map(key -> new Object[] {key.serviceId(), key.dedupKey()}).toList())
                .query(Incidents::map)
                .list()
                .forEach(incident -> remember(tx, incident));
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

    /** Opens the incident: it is locked for the rest of the transaction, as its key's open incident. */
    Incident open(AlertEvent alert, Urgency urgency, boolean suppressed, Instant now) {
        Locked tx = tx();
        record Opened(Incident incident, Map<String, Object> details) {
        }
        Opened opened = jdbc.sql("""
                        insert into incident (id, service_id, dedup_key, status, urgency, summary, severity, source,
                                              details, raw_payload, suppressed, created_at, last_alert_at)
                        values (:id, :service, :dedup, 'TRIGGERED', :urgency, :summary, :severity, :source,
                                cast(:details as jsonb), :raw, :suppressed, :now, :now)
                        returning details,\s""" + COLUMNS)
                .param("id", UUID.randomUUID())
                .param("service", alert.serviceId())
                .param("dedup", alert.dedupKey())
                .param("urgency", urgency.name())
                .param("summary", alert.summary())
                .param("severity", alert.severity() == null ? null : alert.severity().name())
                .param("source", alert.source())
                .param("details", alert.details() == null ? null : json.writeValueAsString(alert.details()))
                .param("raw", alert.rawPayload())
                .param("suppressed", suppressed)
                .param("now", SqlTime.of(now))
                // the details as PostgreSQL keeps them (jsonb orders keys its way), as every later page reads them
                .query((rs, n) -> new Opened(map(rs, n), details(rs)))
                .single();
        tx.details.put(opened.incident().id(), opened.details());
        return remember(tx, opened.incident());
    }

    /** It pages from now on: the maintenance that suppressed it is over; the incident as it is now. */
    Incident unsuppress(UUID id) {
        return change(id, "update incident set suppressed = false where id = :id returning " + COLUMNS, Map.of());
    }

    /** One more alert for the open incident: counted now, written with the transaction's others when it commits. */
    void countAlert(UUID id, Instant now) {
        Locked tx = tx();
        tx.repeats.merge(id, new Repeats(1, now), (counted, more) -> new Repeats(counted.alerts() + 1, now));
        tx.byId.computeIfPresent(id, (key, incident) -> incident.repeated(1, now));
    }

    /** Marks it acknowledged and voids its pending escalation timers (a new generation); the incident as it is now. */
    Incident acknowledge(UUID id, Actor actor, Instant now) {
        return change(id, """
                        update incident set status = 'ACKNOWLEDGED', acknowledged_at = :now, acknowledged_by = :actor,
                                            escalation_generation = escalation_generation + 1
                        where id = :id
                        returning\s""" + COLUMNS, Map.of("actor", actor.name(), "now", SqlTime.of(now)));
    }

    /** Marks it resolved and voids its pending escalation timers (a new generation); the incident as it is now. */
    Incident resolve(UUID id, Actor actor, Instant now) {
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
     * Keeps the incident as it is now in the transaction: as the database returned it, with the alerts counted and not
     * yet written; as its key's open incident unless it is resolved.
     */
    private Incident remember(Locked tx, Incident fromDatabase) {
        Incident incident = withRepeats(tx, fromDatabase);
        tx.byId.put(incident.id(), incident);
        OpenKey key = new OpenKey(incident.serviceId(), incident.dedupKey());
        if (incident.status() != IncidentStatus.RESOLVED) {
            tx.openByKey.put(key, Optional.of(incident.id()));
        } else if (tx.openByKey.getOrDefault(key, Optional.empty()).filter(incident.id()::equals).isPresent()) {
            tx.openByKey.put(key, Optional.empty());
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

    /** The alerts the transaction counted, in one statement however many incidents they were for. */
    private void writeRepeats(Locked tx) {
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
