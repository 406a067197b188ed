package io.tocsin.routing.incident;

import io.tocsin.routing.SqlTime;
import io.tocsin.routing.WriteBehind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each incident's timeline: triggered, escalated, paged, delivered, acknowledged, resolved. Entries are written
 * behind: a transaction's entries go in one batch when it commits.
 */
@Repository
public class IncidentLog {

    private final JdbcClient jdbc;
    private final WriteBehind entries;

    IncidentLog(JdbcClient jdbc, NamedParameterJdbcOperations batches) {
        this.jdbc = jdbc;
        this.entries = new WriteBehind(batches);
    }

    public void append(UUID incidentId, Instant at, String event, Actor actor, String message) {
        entries.write("""
                        insert into incident_log (incident_id, at, event, actor, via, message)
                        values (:incident, :at, :event, :actor, :via, :message)
                        """, new MapSqlParameterSource()
                .addValue("incident", incidentId)
                .addValue("at", SqlTime.of(at))
                .addValue("event", event)
                .addValue("actor", actor == null ? null : actor.name())
                .addValue("via", actor == null ? null : actor.via())
                .addValue("message", message));
    }

    /** When the incident's timeline last had this event, if ever. */
    public Optional<Instant> lastAt(UUID incidentId, String event) {
        entries.flush();
        return jdbc.sql("select max(at) from incident_log where incident_id = :id and event = :event")
                .param("id", incidentId)
                .param("event", event)
                .query((rs, n) -> SqlTime.instant(rs, "max"))
                .optional()
                .filter(Objects::nonNull);
    }

    public List<LogEntry> entries(UUID incidentId) {
        entries.flush();
        return jdbc.sql("select id, at, event, actor, via, message from incident_log where incident_id = :id order by id")
                .param("id", incidentId)
                .query((rs, n) -> new LogEntry(rs.getLong("id"), SqlTime.instant(rs, "at"), rs.getString("event"),
                        rs.getString("actor"), rs.getString("via"), rs.getString("message")))
                .list();
    }
}
