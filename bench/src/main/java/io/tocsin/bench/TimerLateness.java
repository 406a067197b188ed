package io.tocsin.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * How late escalation timers fire while many others are pending. The pending ones are far-future copies of a real
 * pending escalation (an incident on the {@code pending} service, whose level 2 is a day away), inserted straight
 * into routing's timer table: what the engine's due-timer queries read is the table and its due-time index, and a
 * hundred thousand incidents through the whole pipeline would take longer than the measurement.
 */
final class TimerLateness {

    private static final String FAR_FUTURE = "due_at > now() + interval '1 hour'";

    private final Tocsin tocsin;
    private final Load load;
    private final Arrivals arrivals;
    private final Function<String, String> pendingTrigger;
    private final Function<String, String> latenessTrigger;
    private final Duration levelDelay;

    /**
     * @param pendingTrigger  an Events API v2 trigger on the pending service for a benchmark key
     * @param latenessTrigger the same on the service whose level 2 comes {@code levelDelay} after level 1
     */
    TimerLateness(Tocsin tocsin, Load load, Arrivals arrivals, Function<String, String> pendingTrigger,
            Function<String, String> latenessTrigger, Duration levelDelay) {
        this.tocsin = tocsin;
        this.load = load;
        this.arrivals = arrivals;
        this.pendingTrigger = pendingTrigger;
        this.latenessTrigger = latenessTrigger;
        this.levelDelay = levelDelay;
    }

    /** Makes {@code count} far-future timers pending in all (more if there already are). */
    void fillTo(int count) throws SQLException, InterruptedException {
        try (Connection db = DriverManager.getConnection(tocsin.jdbcUrl(), "postgres", "")) {
            if (pending(db) == 0) {
                send(pendingTrigger.apply(Arrivals.key("pending", 0)));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (pending(db) == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the pending service's incident left no escalation timer");
                    }
                    Thread.sleep(100);
                }
            }
            long missing = count - pending(db);
            if (missing > 0) {
                try (PreparedStatement copy = db.prepareStatement("""
                        insert into routing.timer
                            (incident_id, generation, action, level_position, round, user_id, contact_method_id, due_at)
                        select t.incident_id, t.generation, t.action, t.level_position, t.round, t.user_id,
                               t.contact_method_id, t.due_at + g * interval '1 second'
                        from routing.timer t cross join generate_series(1, ?) g
                        where t.id = (select min(id) from routing.timer where %s)
                        """.formatted(FAR_FUTURE))) {
                    copy.setLong(1, missing);
                    copy.executeUpdate();
                }
                // a long-running system's statistics would know the table's size
                try (Statement analyze = db.createStatement()) {
                    analyze.execute("analyze routing.timer");
                }
            }
        }
    }

    long pendingCount() throws SQLException {
        try (Connection db = DriverManager.getConnection(tocsin.jdbcUrl(), "postgres", "")) {
            return pending(db);
        }
    }

    /**
     * Triggers {@code samples} incidents on the lateness service, {@code spacing} apart, and measures for each how
     * much later than (first page + level delay) its second page arrived, in µs, sorted. Negative when the second
     * page came early: the level delay runs from when routing paged level 1, and the first SMS took longer to get
     * out than the second.
     */
    long[] measure(String phase, int samples, Duration spacing) throws InterruptedException {
        for (int i = 0; i < samples; i++) {
            send(latenessTrigger.apply(Arrivals.key(phase, i)));
            Thread.sleep(spacing.toMillis());
        }
        long deadline = System.nanoTime() + levelDelay.plusSeconds(60).toNanos();
        while (System.nanoTime() < deadline && !allPagedTwice(phase, samples)) {
            Thread.sleep(100);
        }
        return IntStream.range(0, samples)
                .mapToObj(i -> arrivals.of(Arrivals.key(phase, i)))
                .filter(pages -> pages.size() >= 2)
                .mapToLong(pages -> (pages.get(1) - (pages.get(0) + levelDelay.toNanos())) / 1000)
                .sorted()
                .toArray();
    }

    private boolean allPagedTwice(String phase, int samples) {
        for (int i = 0; i < samples; i++) {
            if (arrivals.of(Arrivals.key(phase, i)).size() < 2) {
                return false;
            }
        }
        return true;
    }

    private void send(String event) {
        int status = load.send(Load.postJson(tocsin.ingestUrl("/v2/enqueue"), event));
        if (status != 202) {
            throw new IllegalStateException("a timer benchmark trigger got " + status + " instead of 202");
        }
    }

    private static long pending(Connection db) throws SQLException {
        try (Statement count = db.createStatement();
                ResultSet rs = count.executeQuery("select count(*) from routing.timer where " + FAR_FUTURE)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
