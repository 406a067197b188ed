package io.tocsin.routing.timer;

import io.tocsin.routing.SqlTime;
import io.tocsin.routing.WriteBehind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The timer table: every future action of any domain is a row with a due time. New timers are written behind (one
 * batch when the transaction commits); every other statement here sends them first.
 */
@Repository
public class Timers {

    private static final String SELECT = """
            select id, incident_id, integration_id, generation, action, coalesce(level_position, 0) as level_position,
                   coalesce(round, 0) as round, user_id, contact_method_id, due_at
            from timer""";

    private final JdbcClient jdbc;
    private final Semaphore scheduled = new Semaphore(0);
    private final WriteBehind newTimers;

    Timers(JdbcClient jdbc, NamedParameterJdbcOperations batches) {
        this.jdbc = jdbc;
        this.newTimers = new WriteBehind(batches, scheduled::release);
    }

    /** Stores the timer; it fires at its due time, once, on whichever routing instance claims it. */
    public void schedule(Timer timer) {
        newTimers.write("""
                        insert into timer (incident_id, integration_id, generation, action, level_position, round, user_id,
                                           contact_method_id, due_at)
                        values (:incident, :integration, :generation, :action, :level, :round, :user, :method, :due)
                        """, new MapSqlParameterSource()
                .addValue("incident", timer.incidentId())
                .addValue("integration", timer.integrationId())
                .addValue("generation", timer.generation())
                .addValue("action", timer.action())
                .addValue("level", timer.levelPosition())
                .addValue("round", timer.round())
                .addValue("user", timer.userId())
                .addValue("method", timer.contactMethodId())
                .addValue("due", SqlTime.of(timer.dueAt())));
    }

    /** Stores the integration's timer in place of any earlier one with its action that is not being fired. */
    public void replace(Timer timer) {
        newTimers.flush();
        jdbc.sql("""
                        delete from timer where id in (
                            select id from timer where integration_id = :integration and action = :action
                            for update skip locked)
                        """)
                .param("integration", timer.integrationId())
                .param("action", timer.action())
                .update();
        schedule(timer);
    }

    /**
     * Whether a timer with this action is still to come for the step (level and round) of the incident's generation,
     * for this user, or anyone if null.
     */
    public boolean pending(UUID incidentId, int generation, String action, int levelPosition, int round, UUID userId) {
        newTimers.flush();
        return jdbc.sql("""
                        select exists (select 1 from timer
                                       where incident_id = :incident and generation = :generation and action = :action
                                         and coalesce(level_position, 0) = :level and coalesce(round, 0) = :round
                                         and (cast(:user as uuid) is null or user_id = :user))
                        """)
                .param("incident", incidentId)
                .param("generation", generation)
                .param("action", action)
                .param("level", levelPosition)
                .param("round", round)
                .param("user", userId)
                .query(Boolean.class)
                .single();
    }

    /**
     * Makes the incident's timers with this action in this generation due now (the engine fires them as any other);
     * false if there is none. One being fired right now is left to the worker firing it.
     */
    public boolean bringForward(UUID incidentId, int generation, String action, Instant now) {
        newTimers.flush();
        boolean pending = jdbc.sql("""
                        select exists (select 1 from timer
                                       where incident_id = :incident and generation = :generation and action = :action)
                        """)
                .param("incident", incidentId)
                .param("generation", generation)
                .param("action", action)
                .query(Boolean.class)
                .single();
        jdbc.sql("""
                        update timer set due_at = :now where id in (
                            select id from timer
                            where incident_id = :incident and generation = :generation and action = :action
                              and due_at > :now
                            for update skip locked)
                        """)
                .param("incident", incidentId)
                .param("generation", generation)
                .param("action", action)
                .param("now", SqlTime.of(now))
                .update();
        wakeAfterCommit();
        return pending;
    }

    /**
     * Drops the incident's timers (all but those with action {@code keeping}, if not null) that no worker is firing
     * right now; one being fired finds its incident moved on, and its handler leaves it.
     */
    public void cancel(UUID incidentId, String keeping) {
        newTimers.flush();
        jdbc.sql("""
                        delete from timer where id in (
                            select id from timer
                            where incident_id = :incident and (cast(:keeping as text) is null or action <> :keeping)
                            for update skip locked)
                        """)
                .param("incident", incidentId)
                .param("keeping", keeping)
                .update();
    }

    /** Drops the incident's timers with this action that no worker is firing right now; whether there was one. */
    public boolean cancelAction(UUID incidentId, String action) {
        newTimers.flush();
        return jdbc.sql("""
                        delete from timer where id in (
                            select id from timer where incident_id = :incident and action = :action
                            for update skip locked)
                        """)
                .param("incident", incidentId)
                .param("action", action)
                .update() > 0;
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
    List<Timer> claimDue(Instant now, int limit) {
        newTimers.flush();
        return jdbc.sql(SELECT + " where due_at <= :now order by due_at, id limit :limit for update skip locked")
                .param("now", SqlTime.of(now))
                .param("limit", limit)
                .query(Timers::map)
                .list();
    }

    private static Timer map(ResultSet rs, int row) throws SQLException {
        return new Timer(rs.getLong("id"), rs.getObject("incident_id", UUID.class),
                rs.getObject("integration_id", UUID.class), rs.getInt("generation"),
                rs.getString("action"), rs.getInt("level_position"), rs.getInt("round"),
                rs.getObject("user_id", UUID.class), rs.getObject("contact_method_id", UUID.class),
                SqlTime.instant(rs, "due_at"));
    }

    /** The one timer, locked, if it is not being fired elsewhere. */
    List<Timer> claim(long id) {
        newTimers.flush();
        return jdbc.sql(SELECT + " where id = :id for update skip locked")
                .param("id", id)
                .query(Timers::map)
                .list();
    }

    /** Due timers' ids, oldest first, without locking them. */
    List<Long> dueIds(Instant now, int limit) {
        newTimers.flush();
        return jdbc.sql("select id from timer where due_at <= :now order by due_at, id limit :limit")
                .param("now", SqlTime.of(now))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    void postpone(long id, Instant dueAt) {
        newTimers.flush();
        jdbc.sql("update timer set due_at = :due where id = :id")
                .param("id", id)
                .param("due", SqlTime.of(dueAt))
                .update();
    }

    void delete(List<Timer> timers) {
        newTimers.flush();
        if (!timers.isEmpty()) {
            jdbc.sql("delete from timer where id in (:ids)")
                    .param("ids", timers.stream().map(Timer::id).toList())
                    .update();
        }
    }

    Optional<Instant> nextDue() {
        newTimers.flush();
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
