package io.tocsin.notifier.incident;

import io.tocsin.contracts.IncidentChanged;
import io.tocsin.contracts.NotificationRequested;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notifier's copy of the incidents it paged about. Pages fill in what the incident is; changes on
 * tocsin.incidents.v1 its state. Either may arrive first: the topics are not ordered with each other.
 */
@Repository
public class KnownIncidents {

    private static final String COLUMNS = "id, number, service_name, summary, severity, status, changed_by, changed_via";

    private final JdbcClient jdbc;

    KnownIncidents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records what a page says of its incident; its state is left to the incident's own changes. */
    public void paged(NotificationRequested page, Instant now) {
        jdbc.sql("""
                        insert into incident (id, number, service_name, summary, severity, updated_at)
                        values (:id, :number, :service, :summary, :severity, :now)
                        on conflict (id) do update set
                            number = coalesce(excluded.number, incident.number),
                            service_name = excluded.service_name,
                            summary = excluded.summary,
                            severity = excluded.severity
                        """)
                .param("id", page.incidentId())
                .param("number", page.incidentNumber())
                .param("service", page.serviceName())
                .param("summary", page.summary())
                .param("severity", page.severity() == null ? null : page.severity().name())
                .param("now", utc(now))
                .update();
    }

    /** Records an incident's new state; a change older than the one recorded is ignored. */
    void changed(IncidentChanged change) {
        jdbc.sql("""
                        insert into incident (id, number, summary, status, changed_by, changed_via, updated_at)
                        values (:id, :number, :summary, :status, :by, :via, :at)
                        on conflict (id) do update set
                            number = coalesce(excluded.number, incident.number),
                            summary = coalesce(incident.summary, excluded.summary),
                            status = excluded.status,
                            changed_by = excluded.changed_by,
                            changed_via = excluded.changed_via,
                            updated_at = excluded.updated_at
                        where incident.updated_at <= excluded.updated_at or incident.changed_by is null
                        """)
                .param("id", change.incidentId())
                .param("number", change.incidentNumber())
                .param("summary", change.summary())
                .param("status", change.status().name())
                .param("by", change.actor())
                .param("via", change.via())
                .param("at", utc(change.at()))
                .update();
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
