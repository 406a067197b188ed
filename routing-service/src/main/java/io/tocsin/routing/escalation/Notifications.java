package io.tocsin.routing.escalation;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.routing.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The pages routing asked for, by escalation step, with the latest the notifier reported of each. */
@Repository
class Notifications {

    private static final String SELECT = """
            select id, incident_id, generation, level_position, round, user_id, channel, recipient, status, attempt
            from notification""";

    private final JdbcClient jdbc;

    Notifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One page as the notifier was asked for it; {@code status} is null until the notifier reports. */
    record Notification(UUID id, UUID incidentId, Step step, UUID userId, Channel channel, String recipient,
            DeliveryStatus status, int attempt) {

        boolean failed() {
            return status != null && status.isFinalFailure();
        }
    }

    void requested(UUID id, UUID incidentId, Step step, UUID userId, Channel channel, String recipient, Instant now) {
        jdbc.sql("""
                        insert into notification (id, incident_id, generation, level_position, round, user_id, channel,
                                                  recipient, status, requested_at, updated_at)
                        values (:id, :incident, :generation, :level, :round, :user, :channel, :recipient, 'QUEUED',
                                :now, :now)
                        """)
                .param("id", id)
                .param("incident", incidentId)
                .param("generation", step.generation())
                .param("level", step.level())
                .param("round", step.round())
                .param("user", userId)
                .param("channel", channel.name())
                .param("recipient", recipient)
                .param("now", SqlTime.of(now))
                .update();
    }

    Optional<Notification> find(UUID id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query(Notifications::map).optional();
    }

    /** Records the report unless a later attempt was reported already. */
    void reported(UUID id, DeliveryStatus status, int attempt, Instant at) {
        jdbc.sql("""
                        update notification set status = :status, attempt = :attempt, updated_at = :at
                        where id = :id and attempt <= :attempt
                        """)
                .param("id", id)
                .param("status", status.name())
                .param("attempt", attempt)
                .param("at", SqlTime.of(at))
                .update();
    }

    /** The pages of one escalation step of the incident, in the order they were asked for. */
    List<Notification> ofStep(UUID incidentId, Step step) {
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
        String status = rs.getString("status");
        return new Notification(rs.getObject("id", UUID.class), rs.getObject("incident_id", UUID.class),
                new Step(rs.getInt("generation"), rs.getInt("level_position"), rs.getInt("round")),
                rs.getObject("user_id", UUID.class), Channel.valueOf(rs.getString("channel")),
                rs.getString("recipient"), status.equals("QUEUED") ? null : DeliveryStatus.valueOf(status),
                rs.getInt("attempt"));
    }
}
