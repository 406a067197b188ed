package io.tocsin.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * When each page arrived at a fake provider (FakeTwilio's SMS, Alertmanager's webhook), by the benchmark key that the
 * alert carried in its summary or label. Times are System.nanoTime, comparable with {@link Load.Result#intendedNanos}.
 */
public final class Arrivals {

    /** A benchmark key as alerts carry it: "bench e2e-42". */
    public static final Pattern KEY = Pattern.compile("bench ([a-z0-9]+-\\d+)");

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);

    private final Map<String, List<Long>> byKey = new ConcurrentHashMap<>();
    private volatile long lastArrival = System.nanoTime();

    /** Records an arrival now for the key found in {@code text}, if any. */
    void arrivedIn(String text) {
        Matcher m = KEY.matcher(text);
        if (m.find()) {
            arrived(m.group(1));
        }
    }

    void arrived(String key) {
        long now = System.nanoTime();
        byKey.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(now);
        lastArrival = now;
    }

    /** Arrival times of this key's pages, in order. */
    List<Long> of(String key) {
        return byKey.getOrDefault(key, List.of());
    }

    static String key(String phase, long seq) {
        return phase + "-" + seq;
    }

    /**
     * End-to-end latencies of the accepted requests of a run, and how many of them never arrived; {@code drained} of
     * them arrived after the run's last request, the last of those {@code drainSeconds} after it.
     */
    record EndToEnd(Histogram latency, long accepted, long lost, double waitedSeconds, long drained,
            double drainSeconds) {

        /**
         * Pages a second while the backlog left after the load drained: the pipeline's own rate, with nothing new
         * coming in; NaN when under a thousand pages, or under a second's worth, were left to drain.
         */
        double drainRate() {
            return drained >= 1000 && drainSeconds >= 1 ? drained / drainSeconds : Double.NaN;
        }
    }

    /**
     * Waits until every request {@code run} got accepted has arrived, or until nothing arrived for {@code grace}; then
     * measures each from its intended send time to its first arrival.
     */
    EndToEnd await(String phase, Load.Result run, Duration grace) throws InterruptedException {
        long waitStart = System.nanoTime();
        List<Long> accepted = new ArrayList<>();
        for (long seq = 0; seq < run.sent(); seq++) {
            if (run.accepted(seq)) {
                accepted.add(seq);
            }
        }
        long reported = System.nanoTime();
        for (long missing = missing(phase, accepted); missing > 0
                && System.nanoTime() - Math.max(lastArrival, waitStart) < grace.toNanos();
                missing = missing(phase, accepted)) {
            if (System.nanoTime() - reported > PROGRESS_EVERY.toNanos()) {
                System.out.printf("[bench] %s: %d of %d accepted events paged so far%n", phase,
                        accepted.size() - missing, accepted.size());
                reported = System.nanoTime();
            }
            Thread.sleep(100);
        }
        Histogram latency = new Histogram(Duration.ofMinutes(30).toNanos() / 1000, 3);
        long lost = 0;
        long drained = 0;
        long lastDrained = waitStart;
        for (long seq : accepted) {
            List<Long> times = of(key(phase, seq));
            if (times.isEmpty()) {
                lost++;
            } else {
                if (times.getFirst() >= waitStart) {
                    drained++;
                    lastDrained = Math.max(lastDrained, times.getFirst());
                }
                long micros = Math.max(1, (times.getFirst() - run.intendedNanos(seq)) / 1000);
                latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
            }
        }
        return new EndToEnd(latency, accepted.size(), lost, (System.nanoTime() - waitStart) / 1e9, drained,
                (lastDrained - waitStart) / 1e9);
    }

    private long missing(String phase, List<Long> accepted) {
        return accepted.stream().filter(seq -> !byKey.containsKey(key(phase, seq))).count();
    }
}
