package io.tocsin.routing.incident;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The incident table. */
@Repository
public class Incidents {

    private static final String COLUMNS = """
            id, number, service_id, dedup_key, status, urgency, summary, severity, source, alert_count, suppressed, created_at,
            last_alert_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by, escalation_level,
            escalation_round, escalation_generation""";

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

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
                .optional();
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
        return jdbc.sql("select details from incident where id = :id")
                .param("id", id)
                .query((rs, n) -> details(rs))
                .single();
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
        return jdbc.sql("select " + COLUMNS + " from incident where id = :id for update")
                .param("id", id)
                .query(Incidents::map)
                .optional();
    }

    Optional<Incident> lockOpen(UUID serviceId, String dedupKey) {
        return jdbc.sql("select " + COLUMNS + " from incident where service_id = :service and dedup_key = :dedup"
                        + " and status <> 'RESOLVED' for update")
                .param("service", serviceId)
                .param("dedup", dedupKey)
                .query(Incidents::map)
                .optional();
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

    Incident open(AlertEvent alert, Urgency urgency, boolean suppressed, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into incident (id, service_id, dedup_key, status, urgency, summary, severity, source,
                                              details, raw_payload, suppressed, created_at, last_alert_at)
                        values (:id, :service, :dedup, 'TRIGGERED', :urgency, :summary, :severity, :source,
                                cast(:details as jsonb), :raw, :suppressed, :now, :now)
                        """)
                .param("id", id)
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
                .update();
        return find(id).orElseThrow();
    }

    /** It pages from now on: the maintenance that suppressed it is over. */
    void unsuppress(UUID id) {
        jdbc.sql("update incident set suppressed = false where id = :id").param("id", id).update();
    }

    void countAlert(UUID id, Instant now) {
        jdbc.sql("update incident set alert_count = alert_count + 1, last_alert_at = :now where id = :id")
                .param("id", id)
                .param("now", SqlTime.of(now))
                .update();
    }

    /** Marks it acknowledged and voids its pending escalation timers (a new generation); the incident as it is now. */
    Incident acknowledge(UUID id, Actor actor, Instant now) {
        return jdbc.sql("""
                        update incident set status = 'ACKNOWLEDGED', acknowledged_at = :now, acknowledged_by = :actor,
                                            escalation_generation = escalation_generation + 1
                        where id = :id
                        returning\s""" + COLUMNS)
                .param("id", id)
                .param("actor", actor.name())
                .param("now", SqlTime.of(now))
                .query(Incidents::map)
                .single();
    }

    /** Marks it resolved and voids its pending escalation timers (a new generation); the incident as it is now. */
    Incident resolve(UUID id, Actor actor, Instant now) {
        return jdbc.sql("""
                        update incident set status = 'RESOLVED', resolved_at = :now, resolved_by = :actor,
                                            escalation_generation = escalation_generation + 1
                        where id = :id
                        returning\s""" + COLUMNS)
                .param("id", id)
                .param("actor", actor.name())
                .param("now", SqlTime.of(now))
                .query(Incidents::map)
                .single();
    }

    /**
     * Back to triggered (un-acknowledged or acknowledgement timed out), with a new escalation generation; the incident
     * as it is now.
     */
    Incident retrigger(UUID id) {
        return jdbc.sql("""
                        update incident set status = 'TRIGGERED', acknowledged_at = null, acknowledged_by = null,
                                            escalation_level = 0, escalation_round = 0,
                                            escalation_generation = escalation_generation + 1
                        where id = :id
                        returning\s""" + COLUMNS)
                .param("id", id)
                .query(Incidents::map)
                .single();
    }

    /** Voids the incident's pending escalation timers without changing its status; the incident as it is now. */
    Incident newGeneration(UUID id) {
        return jdbc.sql("update incident set escalation_generation = escalation_generation + 1 where id = :id returning "
                        + COLUMNS)
                .param("id", id)
                .query(Incidents::map)
                .single();
    }

    /** The incident's current escalation step: this level, in this repeat of the policy. */
    public void escalatedTo(UUID id, int level, int round) {
        jdbc.sql("update incident set escalation_level = :level, escalation_round = :round where id = :id")
                .param("id", id)
                .param("level", level)
                .param("round", round)
                .update();
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
