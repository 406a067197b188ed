package io.tocsin.notifier.incident;

import io.tocsin.contracts.IncidentChanged;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notifier's copy of the incidents it paged about. Pages fill in what the incident is; changes on
 * tocsin.incidents.v1 its state. Either may arrive first: the topics are not ordered with each other.
 */
@Repository
public class KnownIncidents {

    private static final String COLUMNS = "id, number, service_name, summary, severity, status, changed_by,"
            + " changed_via, alert_count";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batch;

    KnownIncidents(JdbcClient jdbc, NamedParameterJdbcOperations batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * Records what a poll's new pages say of their incidents, as a part ({@code with incidents as (...)}) of the one
     * statement storing them, over its relation {@code page} (one row per new page, {@code ord} its place in the
     * poll; {@code :now}); their state is left to the incidents' own changes. An incident's last page in the poll says
     * what it is now; in id order, the lock order of every batch here.
     */
    public static final String PAGED = """
            insert into incident (id, number, service_name, summary, severity, updated_at)
            select distinct on (incident_id) incident_id, number, service_name, summary, severity, :now
            from page where is_page
            order by incident_id, ord desc
            on conflict (id) do update set
                number = coalesce(excluded.number, incident.number),
                service_name = excluded.service_name,
                summary = excluded.summary,
                severity = excluded.severity
            """;

    /**
     * Records a poll's incident changes, one JDBC batch; a change older than the one recorded is ignored, and one with
     * no actor (alerts joined it) keeps who changed its state. In incident
     * id order (stable: an incident's changes keep theirs), the lock order of every batch here.
     */
    void changed(List<IncidentChanged> changes) {
        batch.batchUpdate("""
                        insert into incident (id, number, summary, status, changed_by, changed_via, alert_count,
                                              updated_at)
                        values (:id, :number, :summary, :status, :by, :via, :alerts, :at)
                        on conflict (id) do update set
                            number = coalesce(excluded.number, incident.number),
                            summary = coalesce(incident.summary, excluded.summary),
                            status = excluded.status,
                            changed_by = case when excluded.changed_by is null and excluded.status = incident.status
                                              then incident.changed_by else excluded.changed_by end,
                            changed_via = case when excluded.changed_by is null and excluded.status = incident.status
                                               then incident.changed_via else excluded.changed_via end,
                            alert_count = coalesce(excluded.alert_count, incident.alert_count),
                            updated_at = excluded.updated_at
                        where incident.updated_at <= excluded.updated_at or incident.changed_by is null
                        """, changes.stream().sorted(Comparator.comparing(IncidentChanged::incidentId))
                        .map(change -> new MapSqlParameterSource()
                        .addValue("id", change.incidentId())
                        .addValue("number", change.incidentNumber())
                        .addValue("summary", change.summary())
                        .addValue("status", change.status().name())
                        .addValue("by", change.actor())
                        .addValue("via", change.via())
                        .addValue("alerts", change.alertCount())
                        .addValue("at", utc(change.at())))
                .toArray(SqlParameterSource[]::new));
    }

    public Optional<KnownIncident> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from incident where id = :id")
                .param("id", id)
                .query(KnownIncident.class)
                .optional();
    }

    public Optional<KnownIncident> byNumber(long number) {
        return jdbc.sql("select " + COLUMNS + " from incident where number = :number")
                .param("number", number)
                .query(KnownIncident.class)
                .optional();
    }

    /** The incidents not yet resolved that were paged to this phone number (by SMS or call), oldest first. */
    public List<KnownIncident> openPagedTo(String phoneNumber) {
        return jdbc.sql("select " + COLUMNS + " from incident i where status <> 'RESOLVED'"
                        + " and exists (select 1 from notification n where n.incident_id = i.id"
                        + " and n.channel in ('SMS', 'VOICE') and n.address = :address)"
                        + " order by number nulls last, id")
                .param("address", phoneNumber)
                .query(KnownIncident.class)
                .list();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
