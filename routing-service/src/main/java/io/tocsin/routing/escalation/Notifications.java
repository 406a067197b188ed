package io.tocsin.routing.escalation;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.routing.SqlTime;
import io.tocsin.routing.TransactionScoped;
import io.tocsin.routing.WriteBehind;
import io.tocsin.routing.incident.Incidents;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The pages routing asked for, by escalation step, with the latest the notifier reported of each. What a transaction
 * asks for and records is written behind (one batch each when it commits); the pages it read or wrote are kept for
 * it as they are now in it. They cannot change under it: every writer locks the page's incident first.
 */
@Repository
class Notifications {

    /** Its id and status named apart from an incident's, so that it can be read beside one ({@code Incidents.Alongside}). */
    private static final String SELECT = """
            select id as page_id, incident_id, generation, level_position, round, user_id, channel, recipient,
                   status as page_status, attempt
            from notification""";

    private final JdbcClient jdbc;
    private final WriteBehind writes;
    private final TransactionScoped<Map<UUID, Notification>> known = TransactionScoped.of(HashMap::new);

    Notifications(JdbcClient jdbc, NamedParameterJdbcOperations batches) {
        this.jdbc = jdbc;
        this.writes = new WriteBehind(batches);
    }

    /** One page as the notifier was asked for it; {@code status} is null until the notifier reports. */
    record Notification(UUID id, UUID incidentId, Step step, UUID userId, Channel channel, String recipient,
            DeliveryStatus status, int attempt) {

        boolean failed() {
            return status != null && status.isFinalFailure();
        }

        /** As it is once the report of this attempt is recorded: a report of an earlier attempt changes nothing. */
        Notification reported(DeliveryStatus reported, int reportedAttempt) {
            return reportedAttempt < attempt ? this
                    : new Notification(id, incidentId, step, userId, channel, recipient, reported, reportedAttempt);
        }
    }

    void requested(UUID id, UUID incidentId, Step step, UUID userId, Channel channel, String recipient, Instant now) {
        writes.write("""
                        insert into notification (id, incident_id, generation, level_position, round, user_id, channel,
                                                  recipient, status, requested_at, updated_at)
                        values (:id, :incident, :generation, :level, :round, :user, :channel, :recipient, 'QUEUED',
                                :now, :now)
                        """, new MapSqlParameterSource()
                .addValue("id", id)
                .addValue("incident", incidentId)
                .addValue("generation", step.generation())
                .addValue("level", step.level())
                .addValue("round", step.round())
                .addValue("user", userId)
                .addValue("channel", channel.name())
                .addValue("recipient", recipient)
                .addValue("now", SqlTime.of(now)));
        known.get().ifPresent(pages -> pages.put(id, new Notification(id, incidentId, step, userId, channel, recipient,
                null, 0)));
    }

    Optional<Notification> find(UUID id) {
        Optional<Notification> kept = known.existing().map(pages -> pages.get(id));
        if (kept.isPresent()) {
            return kept;
        }
        return findAll(List.of(id)).stream().findFirst();
    }

    /** Reads these pages in one statement and keeps them for the rest of the transaction (a poll's reports). */
    List<Notification> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        writes.flush();
        List<Notification> found = jdbc.sql(SELECT + " where id in (:ids)")
                .param("ids", List.copyOf(ids))
                .query(Notifications::map)
                .list();
        keep(found);
        return found;
    }

    /**
     * Locks these incidents ({@code Incidents.lock}) and reads these of their pages in the same statement, keeping them
     * for the rest of the transaction as {@link #findAll} does (a poll's reports).
     */
    void lockIncidentsWith(Incidents incidents, Collection<UUID> incidentIds, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            incidents.lock(incidentIds);
            return;
        }
        writes.flush();
        keep(incidents.lock(incidentIds, new Incidents.Alongside<>(SELECT + " where id in (:pages)",
                Map.of("pages", List.copyOf(ids)), Notifications::map)));
    }

    private void keep(List<Notification> found) {
        known.get().ifPresent(pages -> found.forEach(page -> pages.put(page.id(), page)));
    }

    /** Records the report unless a later attempt was reported already. */
    void reported(UUID id, DeliveryStatus status, int attempt, Instant at) {
        writes.write("""
                        update notification set status = :status, attempt = :attempt, updated_at = :at
                        where id = :id and attempt <= :attempt
                        """, new MapSqlParameterSource()
                .addValue("id", id)
                .addValue("status", status.name())
                .addValue("attempt", attempt)
                .addValue("at", SqlTime.of(at)));
        known.existing().ifPresent(pages -> pages.computeIfPresent(id, (key, was) -> was.reported(status, attempt)));
    }

    /** The pages of one escalation step of the incident, in the order they were asked for. */
    List<Notification> ofStep(UUID incidentId, Step step) {
        writes.flush();
        return jdbc.sql(SELECT + """
                         where incident_id = :incident and generation = :generation and level_position = :level
                           and round = :round
                        order by requested_at, id
                        """)
                .param("incident", incidentId)
                .param("generation", step.generation())
                .param("level", step.level())
                .param("round", step.round())
                .query(Notifications::map)
                .list();
    }

    private static Notification map(ResultSet rs, int row) throws SQLException {
        String status = rs.getString("page_status");
        return new Notification(rs.getObject("page_id", UUID.class), rs.getObject("incident_id", UUID.class),
                new Step(rs.getInt("generation"), rs.getInt("level_position"), rs.getInt("round")),
                rs.getObject("user_id", UUID.class), Channel.valueOf(rs.getString("channel")),
                rs.getString("recipient"), status.equals("QUEUED") ? null : DeliveryStatus.valueOf(status),
                rs.getInt("attempt"));
    }
}
