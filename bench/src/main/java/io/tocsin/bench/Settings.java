package io.tocsin.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run does: {@code --quick} (50 events/s for 10 s, 1k timers, the storm scenarios sized down) or the full run
 * (500/s for 60 s, 10k and 100k timers), against the standalone launcher or ({@code --mode=separate}) separate
 * processes, every scenario or ({@code --only=storm,...}) some; each figure can be overridden with
 * {@code --name=value}.
 */
record Settings(boolean quick, boolean separate, Set<String> only, double rate, Duration duration, Duration warmUp,
        Duration saturation, int connections, int maxInFlight, List<Integer> timerCounts, int latenessSamples,
        Duration latenessDelay, double overloadFactor, Duration overload, Duration recovery, Duration grace,
        int idleSamples, int stormAlerts, Duration storm, int flappingTriggers, int probes, Duration flapping,
        Path repo, Path results) {

    /** The scenarios, in the order a run takes them. */
    static final List<String> SCENARIOS = List.of("idle", "ingest", "e2e", "timers", "overload", "storm", "neighbour");

    static Settings parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "': " + USAGE);
            }
            String[] pair = arg.substring(2).split("=", 2);
            given.put(pair[0], pair.length == 2 ? pair[1] : "true");
        }
        boolean quick = Boolean.parseBoolean(given.remove("quick"));
        String mode = given.getOrDefault("mode", "standalone");
        given.remove("mode");
        if (!mode.equals("standalone") && !mode.equals("separate")) {
            throw new IllegalArgumentException("--mode is standalone or separate, not '" + mode + "': " + USAGE);
        }
        Path repo = Path.of(given.getOrDefault("repo", ".")).toAbsolutePath().normalize();
        given.remove("repo");
        Set<String> only = new LinkedHashSet<>(SCENARIOS);
        String chosen = given.remove("only");
        if (chosen != null) {
            only.clear();
            for (String scenario : chosen.split(",")) {
                if (!SCENARIOS.contains(scenario.trim())) {
                    throw new IllegalArgumentException("--only takes scenarios of " + SCENARIOS + ", not '"
                            + scenario.trim() + "': " + USAGE);
                }
                only.add(scenario.trim());
            }
        }
        Settings settings = new Settings(quick, mode.equals("separate"), only,
                number(given, "rate", quick ? 50 : 500),
                seconds(given, "duration", quick ? 10 : 60),
                seconds(given, "warm-up", quick ? 3 : 10),
                seconds(given, "saturation", quick ? 5 : 15),
                (int) number(given, "connections", 64),
                (int) number(given, "max-in-flight", 512),
                Arrays.stream(given.getOrDefault("timers", quick ? "1000" : "10000,100000").split(","))
                        .map(String::trim).map(Integer::valueOf).toList(),
                (int) number(given, "lateness-samples", quick ? 20 : 50),
                Duration.ofSeconds(2),
                number(given, "overload-factor", 10),
                seconds(given, "overload", 10),
                seconds(given, "recovery", 5),
                seconds(given, "grace", 30),
                (int) number(given, "idle-samples", quick ? 10 : 20),
                (int) number(given, "storm-alerts", quick ? 1000 : 5000),
                Duration.ofSeconds(5),
                (int) number(given, "flapping-triggers", quick ? 2000 : 20000),
                (int) number(given, "probes", quick ? 10 : 20),
                Duration.ofSeconds(10),
                repo,
                Path.of(given.getOrDefault("results", repo.resolve("bench/results").toString())));
        given.keySet().removeAll(List.of("rate", "duration", "warm-up", "saturation", "connections", "max-in-flight",
                "timers", "lateness-samples", "overload-factor", "overload", "recovery", "grace", "idle-samples",
                "storm-alerts", "flapping-triggers", "probes", "results"));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + given.keySet() + ": " + USAGE);
        }
        return settings;
    }

    static final String USAGE = "bench/run.sh [--quick] [--mode=standalone|separate] [--only="
            + String.join(",", SCENARIOS) + "] [--rate=500] [--duration=60] [--timers=10000,100000] [--connections=64] [--max-in-flight=512]"
            + " [--saturation=15] [--overload-factor=10] [--grace=30] [--idle-samples=20] [--storm-alerts=5000]"
            + " [--flapping-triggers=20000] [--probes=20] [--results=DIR] (durations in seconds)";

    /** Whether the run takes {@code scenario} (one of {@link #SCENARIOS}). */
    boolean runs(String scenario) {
        return only.contains(scenario);
    }

    /** The load the issue's targets are stated for: 500 events/s for 60 s. */
    boolean issueLoad() {
        return rate >= 500 && duration.compareTo(Duration.ofSeconds(60)) >= 0;
    }

    double overloadRate() {
        return rate * overloadFactor;
    }

    double recoveryRate() {
        return Math.max(10, rate / 10);
    }

    void describe(Report report) {
        report.setting("mode", quick ? "--quick" : issueLoad() ? "full" : "custom");
        report.setting("Tocsin as", separate ? "separate processes: ingest, routing, notifier (each its *-exec.jar,"
                + " default JVM options), Kafka and PostgreSQL" : "the standalone launcher (one JVM with Kafka, and its"
                + " PostgreSQL)");
        report.setting("open-loop rate (events/s)", rate);
        report.setting("open-loop duration (s)", duration.toSeconds());
        report.setting("warm-up at that rate (s)", warmUp.toSeconds());
        report.setting("saturation runs (closed loop): connections x seconds", connections + " x " + saturation.toSeconds());
        report.setting("open-loop cap on requests in flight", maxInFlight);
        report.setting("pending timers", timerCounts.toString());
        report.setting("lateness samples per timer count", latenessSamples);
        report.setting("overload", overloadRate() + "/s for " + overload.toSeconds() + " s");
        report.setting("recovery", recoveryRate() + "/s for " + recovery.toSeconds() + " s");
        report.setting("grace for pages (s without a new one)", grace.toSeconds());
        report.setting("scenarios", String.join(", ", only));
        report.setting("idle: single triggers, one a second", idleSamples);
        report.setting("storm: distinct alerts", stormAlerts + " in " + storm.toSeconds() + " s");
        report.setting("neighbour: one key's triggers / probes on another service", flappingTriggers + " / " + probes
                + " in " + flapping.toSeconds() + " s");
    }

    private static double number(Map<String, String> given, String name, double fallback) {
        String value = given.get(name);
        return value == null ? fallback : Double.parseDouble(value);
    }

    private static Duration seconds(Map<String, String> given, String name, long fallback) {
        String value = given.get(name);
        return Duration.ofMillis(Math.round((value == null ? fallback : Double.parseDouble(value)) * 1000));
    }
}
