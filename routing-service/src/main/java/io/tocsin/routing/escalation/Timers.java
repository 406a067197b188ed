package io.tocsin.routing.escalation;

import io.tocsin.routing.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The timer table: every future action of the engine is a row with a due time. */
@Repository
public class Timers {

    private static final String SELECT = """
            select id, incident_id, integration_id, generation, action, coalesce(level_position, 0) as level_position,
                   coalesce(round, 0) as round, user_id, contact_method_id, due_at
            from timer""";

    private final JdbcClient jdbc;
    private final Semaphore scheduled = new Semaphore(0);

    Timers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void escalate(UUID incidentId, int generation, int levelPosition, int round, Instant dueAt) {
        insert(incidentId, generation, EscalationTimer.Action.ESCALATE, levelPosition, round, null, null, dueAt);
    }

    /** Page the contact method at {@code dueAt} for the level {@code levelPosition} of round {@code round}. */
    void notify(UUID incidentId, int generation, int levelPosition, int round, UUID userId, UUID contactMethodId,
            Instant dueAt) {
        insert(incidentId, generation, EscalationTimer.Action.NOTIFY, levelPosition, round, userId, contactMethodId,
                dueAt);
    }

    /** Whether a delayed notification rule of this escalation step (for this user, or anyone if null) is still to come. */
    boolean notifyPending(UUID incidentId, int generation, int levelPosition, int round, UUID userId) {
        return jdbc.sql("""
                        select exists (select 1 from timer
                                       where incident_id = :incident and generation = :generation and action = 'NOTIFY'
                                         and coalesce(level_position, 0) = :level and coalesce(round, 0) = :round
                                         and (cast(:user as uuid) is null or user_id = :user))
                        """)
                .param("incident", incidentId)
                .param("generation", generation)
                .param("level", levelPosition)
                .param("round", round)
                .param("user", userId)
                .query(Boolean.class)
                .single();
    }

    /**
     * Makes the incident's next escalation step of this generation due now (the engine fires it as any other);
     * false if the policy has no further step. A step being fired right now is left to the worker firing it.
     */
    boolean escalateNow(UUID incidentId, int generation, Instant now) {
        boolean pending = jdbc.sql("""
                        select exists (select 1 from timer
                                       where incident_id = :incident and generation = :generation and action = 'ESCALATE')
                        """)
                .param("incident", incidentId)
                .param("generation", generation)
                .query(Boolean.class)
                .single();
        jdbc.sql("""
                        update timer set due_at = :now where id in (
                            select id from timer
                            where incident_id = :incident and generation = :generation and action = 'ESCALATE'
                              and due_at > :now
                            for update skip locked)
                        """)
                .param("incident", incidentId)
                .param("generation", generation)
                .param("now", SqlTime.of(now))
                .update();
        wakeAfterCommit();
        return pending;
    }

    /** Re-trigger the incident if it is still acknowledged, in this generation, at {@code dueAt}. */
    public void ackTimeout(UUID incidentId, int generation, Instant dueAt) {
        insert(incidentId, generation, EscalationTimer.Action.ACK_TIMEOUT, null, null, null, null, dueAt);
    }

    /** Resolve the incident at {@code dueAt} if it is still open. */
    public void autoResolve(UUID incidentId, Instant dueAt) {
        insert(incidentId, 0, EscalationTimer.Action.AUTO_RESOLVE, null, null, null, null, dueAt);
    }

    /** Page for the suppressed incident at {@code dueAt}, when its service's maintenance window ends. */
    public void maintenanceEnd(UUID incidentId, Instant dueAt) {
        insert(incidentId, 0, EscalationTimer.Action.MAINTENANCE_END, null, null, null, null, dueAt);
    }

    /** The heartbeat integration's next ping is due by {@code dueAt}; replaces any earlier deadline not being fired. */
    public void heartbeatDeadline(UUID integrationId, Instant dueAt) {
        jdbc.sql("""
                        delete from timer where id in (
                            select id from timer where integration_id = :integration and action = :action
                            for update skip locked)
                        """)
                .param("integration", integrationId)
                .param("action", EscalationTimer.Action.HEARTBEAT_DEADLINE.name())
                .update();
        insert(integrationId, EscalationTimer.Action.HEARTBEAT_DEADLINE, dueAt);
    }

    /** The integration's keys retired by a rotation expire at {@code dueAt}. */
    public void keyExpiry(UUID integrationId, Instant dueAt) {
        insert(integrationId, EscalationTimer.Action.KEY_EXPIRY, dueAt);
    }

    private void insert(UUID integrationId, EscalationTimer.Action action, Instant dueAt) {
        jdbc.sql("insert into timer (integration_id, generation, action, due_at) values (:integration, 0, :action, :due)")
                .param("integration", integrationId)
                .param("action", action.name())
                .param("due", SqlTime.of(dueAt))
                .update();
        wakeAfterCommit();
    }

    private void insert(UUID incidentId, int generation, EscalationTimer.Action action, Integer levelPosition, Integer round,
            UUID userId, UUID contactMethodId, Instant dueAt) {
        jdbc.sql("""
                        insert into timer
                            (incident_id, generation, action, level_position, round, user_id, contact_method_id, due_at)
                        values (:incident, :generation, :action, :level, :round, :user, :method, :due)
                        """)
                .param("incident", incidentId)
                .param("generation", generation)
                .param("action", action.name())
                .param("level", levelPosition)
                .param("round", round)
                .param("user", userId)
                .param("method", contactMethodId)
                .param("due", SqlTime.of(dueAt))
                .update();
        wakeAfterCommit();
    }

    private void wakeAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                scheduled.release();
            }
        });
    }

    /** Locks due timers no other worker holds; the caller deletes them in the same transaction. */
    List<EscalationTimer> claimDue(Instant now, int limit) {
        return jdbc.sql(SELECT + " where due_at <= :now order by due_at, id limit :limit for update skip locked")
                .param("now", SqlTime.of(now))
                .param("limit", limit)
                .query(Timers::map)
                .list();
    }

    private static EscalationTimer map(ResultSet rs, int row) throws SQLException {
        return new EscalationTimer(rs.getLong("id"), rs.getObject("incident_id", UUID.class),
                rs.getObject("integration_id", UUID.class), rs.getInt("generation"),
                EscalationTimer.Action.valueOf(rs.getString("action")), rs.getInt("level_position"), rs.getInt("round"),
                rs.getObject("user_id", UUID.class), rs.getObject("contact_method_id", UUID.class),
                SqlTime.instant(rs, "due_at"));
    }

    /** The one timer, locked, if it is not being fired elsewhere. */
    List<EscalationTimer> claim(long id) {
        return jdbc.sql(SELECT + " where id = :id for update skip locked")
                .param("id", id)
                .query(Timers::map)
                .list();
    }

    /** Due timers' ids, oldest first, without locking them. */
    List<Long> dueIds(Instant now, int limit) {
        return jdbc.sql("select id from timer where due_at <= :now order by due_at, id limit :limit")
                .param("now", SqlTime.of(now))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    void postpone(long id, Instant dueAt) {
        jdbc.sql("update timer set due_at = :due where id = :id")
                .param("id", id)
                .param("due", SqlTime.of(dueAt))
                .update();
    }

    void delete(List<EscalationTimer> timers) {
        if (!timers.isEmpty()) {
            jdbc.sql("delete from timer where id in (:ids)")
                    .param("ids", timers.stream().map(EscalationTimer::id).toList())
                    .update();
        }
    }

    /**
     * Drops an incident's paging timers (all but auto-resolve, or all of them) that no worker is firing
     * right now; one being fired is void by generation or status, and the engine drops it.
     */
    void cancel(UUID incidentId, boolean includingAutoResolve) {
        jdbc.sql("""
                        delete from timer where id in (
                            select id from timer
                            where incident_id = :incident and (:all or action <> 'AUTO_RESOLVE')
                            for update skip locked)
                        """)
                .param("incident", incidentId)
                .param("all", includingAutoResolve)
                .update();
    }

    Optional<Instant> nextDue() {
        return jdbc.sql("select due_at from timer order by due_at limit 1")
                .query((rs, n) -> SqlTime.instant(rs, "due_at"))
                .optional();
    }

    /** Waits until a timer was scheduled (committed) or the timeout passed. */
    void awaitScheduled(long timeoutMillis) throws InterruptedException {
        if (scheduled.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
            scheduled.drainPermits();
        }
    }
}
