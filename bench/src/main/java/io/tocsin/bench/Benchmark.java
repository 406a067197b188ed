package io.tocsin.bench;

import io.tocsin.testkit.FakeTwilio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench/run.sh}: Tocsin under open-loop load — the standalone launcher in a process of its own, or
 * ({@code --mode=separate}) each service, the broker and the database in processes of their own — measured end to end
 * (webhook in, SMS out at a fake Twilio), beside the HTTP framework's ceiling and Prometheus Alertmanager.
 */
public final class Benchmark {

    private static final String E2E = "Tocsin e2e (webhook to SMS)";
    private static final String INGEST = "Tocsin ingest 202";
    private static final String ALERTMANAGER = "Alertmanager (post to webhook)";
    private static final double ONE_GB = 1024.0 * 1024 * 1024;
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final Settings settings;
    private final Report report;
    private final Path work;
    private final Path logs;
    private final Arrivals arrivals = new Arrivals();
    private final Load load;
    private final Storms storms;
    private double ingestSaturation;

    private Benchmark(Settings settings, Report report, Path work, Path logs) {
        this.settings = settings;
        this.report = report;
        this.work = work;
        this.logs = logs;
        this.load = new Load(settings.maxInFlight());
        this.storms = new Storms(settings, report, load, arrivals);
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path out = settings.results().resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Path logs = Files.createDirectories(out.resolve("logs"));
        Path work = Files.createTempDirectory("tocsin-bench-");
        Report report = new Report();
        ProcStats.machine().forEach(report::machine);
        report.machine("tocsin commit", ProcStats.gitCommit(settings.repo()));
        settings.describe(report);
        if (!settings.issueLoad() && settings.runs("e2e")) {
            report.note("The issue states its latency targets for 500 events/s over 60 s; this run used "
                    + Report.format(settings.rate()) + "/s for " + settings.duration().toSeconds()
                    + " s, so its verdicts are indicative only.");
        }
        try {
            new Benchmark(settings, report, work, logs).run();
        } catch (Exception e) {
            report.note("The run stopped early: " + e);
            e.printStackTrace();
        } finally {
            report.machine("load average at end", ProcStats.loadAverage());
            report.write(out, Stream.concat(Stream.of(E2E, INGEST, ALERTMANAGER), Storms.PLOTTED.stream()).toList());
            TocsinProcess.deleteTree(work);
        }
        System.out.println(report.markdown());
        System.out.println("Report: " + out.resolve("report.md"));
        System.exit(0);
    }

    private void run() throws Exception {
        try (FakeTwilio twilio = new FakeTwilio()) {
            twilio.onMessage(sms -> arrivals.arrivedIn(sms.body()));
            Map<String, String> env = environment(twilio);
            if (settings.separate()) {
                step("starting Kafka, PostgreSQL, routing, notifier and ingest as separate processes (logs: %s)", logs);
            } else {
                step("starting the standalone launcher (%s)", settings.repo().resolve("tocsin"));
            }
            try (Tocsin tocsin = settings.separate()
                    ? TocsinCluster.start(settings.repo(), work, logs, env, load.client())
                    : TocsinProcess.start(settings.repo(), work, logs.resolve("tocsin.log"), env,
                            load.client())) {
                measureTocsin(tocsin);
            }
        }
        if (Alertmanager.installed()) {
            measureAlertmanager();
        } else {
            report.note("Prometheus Alertmanager is not installed (" + Alertmanager.BINARY
                    + "): no side-by-side figures for it. On Debian: apt-get install prometheus-alertmanager.");
            if (settings.runs("ingest")) {
                report.target("ingest durable 202 throughput vs Alertmanager's accepted rate", ">= Alertmanager",
                        "Alertmanager not installed", "", null);
            }
        }
    }

    private void measureTocsin(Tocsin tocsin) throws Exception {
        Duration ready = tocsin.awaitReady(Duration.ofMinutes(5));
        if (settings.separate()) {
            report.figure("Startup and resources", "ready: first process start to every service ready, one after the"
                    + " other (s)", seconds(ready));
        } else {
            report.figure("Startup and resources", "ready: process start to ingest UP and admin API answering (s)",
                    seconds(ready));
            report.target("standalone ready", "<= 20 s", Report.format(seconds(ready)) + " s",
                    "first start, empty data", ready.compareTo(Duration.ofSeconds(20)) <= 0);
        }

        step("setting up a user, SMS contact method, policies, services and integrations");
        AdminApi.Keys keys = new AdminApi(tocsin, load.client()).setUp("PT" + settings.latenessDelay().toSeconds() + "S");
        String enqueue = tocsin.ingestUrl("/v2/enqueue");
        long learning = System.nanoTime();
        for (String key : List.of(keys.e2e(), keys.pending(), keys.lateness(), keys.flapping())) {
            awaitKnown(enqueue, key);
        }
        report.figure("Startup and resources", "integration keys usable at ingest after creation (s)",
                (System.nanoTime() - learning) / 1e9);

        Storms.Receiver receiver = new Storms.Receiver("", 202, false,
                key -> Load.postJson(enqueue, trigger(keys.e2e(), key)),
                key -> Load.postJson(enqueue, trigger(keys.flapping(), key)));
        if (settings.runs("idle")) {
            awaitIdle(tocsin);
            step("idle: %d single triggers, a second apart, each paged before the next", settings.idleSamples());
            storms.idle(receiver, false);
        }

        step("warming up: %s events/s for %d s", Report.format(settings.rate()), settings.warmUp().toSeconds());
        Load.Result warmUp = load.openLoop("warm-up", settings.rate(), settings.warmUp(),
                seq -> Load.postJson(enqueue, trigger(keys.e2e(), Arrivals.key("warm", seq))), 202);
        // the closed loops below measure ingest, not ingest beside a pipeline still busy with the warm-up's events
        arrivals.await("warm", warmUp, settings.grace());
        awaitIdle(tocsin);
        if (settings.runs("idle")) {
            step("idle after the warm-up: %d single triggers, a second apart", settings.idleSamples());
            storms.idle(receiver, true);
        }

        if (settings.runs("ingest")) {
            measureIngest(tocsin, keys, enqueue);
        }
        if (settings.runs("e2e")) {
            measureEndToEnd(tocsin, keys, enqueue);
        }
        if (settings.runs("timers")) {
            measureTimers(tocsin, keys, enqueue);
        }
        if (settings.runs("overload")) {
            measureOverload(tocsin, keys, enqueue);
        }
        if (settings.runs("storm")) {
            awaitIdle(tocsin);
            step("storm: %d distinct alerts in %d s", settings.stormAlerts(), settings.storm().toSeconds());
            storms.storm(receiver);
        }
        if (settings.runs("neighbour")) {
            awaitIdle(tocsin);
            step("neighbour: %d triggers of one key in %d s beside %d probes on another service",
                    settings.flappingTriggers(), settings.flapping().toSeconds(), settings.probes());
            storms.neighbour(receiver);
        }

        Map<String, Long> rss = tocsin.peakRssBytes();
        rss.forEach((process, bytes) -> report.figure("Startup and resources", "peak RSS (VmHWM, MB), " + process
                + (process.equals("postgres") ? ", its processes summed (shared memory"
                        + " counted in each)" : ""), bytes / 1e6));
        if (!settings.separate()) {
            long launcher = rss.values().iterator().next();
            report.target("peak RSS (launcher JVM)", "<= 1.5 GB", String.format(Locale.ROOT, "%.2f GB",
                    launcher / ONE_GB), "whole run, started by ./tocsin with its default JVM options",
                    launcher > 0 && launcher <= 1.5 * ONE_GB);
            if (launcher > 1.5 * ONE_GB) {
                report.note("The launcher's RSS went past 1.5 GB although ./tocsin bounds its heap, metaspace, direct"
                        + " buffers and code cache: what grew is outside those (thread stacks, GC structures, Kafka's"
                        + " memory-mapped indexes); run it with -XX:NativeMemoryTracking=summary and jcmd <pid>"
                        + " VM.native_memory to see which.");
            }
        }
        step("stopping Tocsin");
    }

    private void measureIngest(Tocsin tocsin, AdminApi.Keys keys, String enqueue) throws InterruptedException {
        // info, not health: ingest's health asks Kafka (the binder's health check), so it is no no-op
        step("ceiling: GET /actuator/info on ingest, %d connections for %d s", settings.connections(),
                settings.saturation().toSeconds());
        Cpu cpu = Cpu.now(tocsin);
        Load.Result ceiling = load.closedLoop("ceiling", settings.connections(), settings.saturation(),
                seq -> Load.request(tocsin.ingestManagementUrl("/actuator/info")).GET().build(), 200);
        double noOpMs = Cpu.now(tocsin).minus(cpu).tocsin() * 1000 / Math.max(1, ceiling.ok());
        describe("Reference: framework ceiling (GET /actuator/info on ingest, closed loop)", ceiling);

        step("ingest saturation: Events API v2 (durable 202), %d connections for %d s", settings.connections(),
                settings.saturation().toSeconds());
        cpu = Cpu.now(tocsin);
        Load.Result saturated = load.closedLoop("ingest", settings.connections(), settings.saturation(),
                seq -> Load.postJson(enqueue, resolve(keys.e2e(), Arrivals.key("sat", seq))), 202);
        Cpu ingestCpu = Cpu.now(tocsin).minus(cpu);
        double acceptedMs = ingestCpu.tocsin() * 1000 / Math.max(1, saturated.ok());
        double coresBusy = (ingestCpu.tocsin() + ingestCpu.generator()) / settings.saturation().toSeconds();
        describe("Ingest saturation (Events API v2 resolve events, closed loop)", saturated);
        report.figure("Ratios", "Tocsin CPU ms per no-op request (ceiling loop) / per durable 202 (ingest loop)",
                String.format(Locale.ROOT, "%.2f / %.2f", noOpMs, acceptedMs));
        report.figure("Ratios", "cores busy during the ingest loop, Tocsin and load generator (of " + CORES + ")",
                coresBusy);
        ingestSaturation = saturated.okRate();
        double ratio = ceiling.okRate() > 0 ? saturated.okRate() / ceiling.okRate() : 0;
        report.figure("Ratios", "ingest durable 202/s : framework ceiling req/s", ratio);
        report.target("ingest durable 202 throughput vs the no-op ceiling", ">= 0.5 x ceiling",
                String.format(Locale.ROOT, "%.0f/s = %.2f x %.0f/s", saturated.okRate(), ratio, ceiling.okRate()),
                settings.connections() + " connections, closed loop", ratio >= 0.5);
        if (ratio < 0.5) {
            report.note(String.format(Locale.ROOT, "Ingest's durable 202 rate is limited by CPU: during its closed loop"
                    + " Tocsin used %.2f ms of CPU per 202 (ingest, the broker's fsync'd append, routing reading the"
                    + " event) against %.2f ms per no-op request in the ceiling loop, and with the load generator kept"
                    + " %.1f of the %d cores busy.", acceptedMs, noOpMs, coresBusy, CORES));
        }
    }

    private void measureEndToEnd(Tocsin tocsin, AdminApi.Keys keys, String enqueue) throws InterruptedException {
        // routing may still be reading earlier events: pages queued behind them would be measured as slow
        awaitIdle(tocsin);

        step("end to end: %s events/s for %d s, open loop", Report.format(settings.rate()),
                settings.duration().toSeconds());
        Map<String, Double> cpuBefore = tocsin.cpuSeconds();
        Load.Result e2eRun = load.openLoop("e2e", settings.rate(), settings.duration(),
                seq -> Load.postJson(enqueue, trigger(keys.e2e(), Arrivals.key("e2e", seq))), 202);
        Arrivals.EndToEnd e2e = arrivals.await("e2e", e2eRun, settings.grace());
        Map<String, Double> cpuAfter = tocsin.cpuSeconds();
        describe("End to end at the open-loop rate: ingest answers", e2eRun);
        report.latency(INGEST, e2eRun.latency());
        Report.Percentiles pages = report.latency(E2E, e2e.latency());
        report.figure("End to end at the open-loop rate: pages", "accepted events", e2e.accepted());
        report.figure("End to end at the open-loop rate: pages", "SMS received", e2e.latency().getTotalCount());
        report.figure("End to end at the open-loop rate: pages", "lost (no SMS, grace " + settings.grace().toSeconds()
                + " s without a new one)", e2e.lost());
        report.figure("End to end at the open-loop rate: pages", "waited after the load for the last SMS (s)",
                e2e.waitedSeconds());
        report.figure("End to end at the open-loop rate: pages", "paged after the load / pages a second while that"
                + " backlog drained", e2e.drained() + " / " + (Double.isNaN(e2e.drainRate()) ? "n/a"
                        : String.format(Locale.ROOT, "%.0f", e2e.drainRate())));
        double perThousand = e2e.accepted() > 0 ? 1000.0 / e2e.accepted() : 0;
        cpuAfter.forEach((process, seconds) -> report.figure("Startup and resources",
                "CPU s per 1,000 events (load + draining), " + process,
                (seconds - cpuBefore.getOrDefault(process, 0.0)) * perThousand));
        String conditions = Report.format(settings.rate()) + "/s for " + settings.duration().toSeconds() + " s";
        report.target("e2e p50 (intended send to SMS at Twilio)", "<= 10 ms", ms(pages.p50()), conditions,
                pages.count() > 0 && pages.p50() <= 10);
        report.target("e2e p99", "<= 25 ms", ms(pages.p99()), conditions, pages.count() > 0 && pages.p99() <= 25);
        double eventMs = cpuAfter.entrySet().stream()
                .mapToDouble(e -> e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0.0)).sum() * perThousand;
        double budgetMs = CORES * 1000 / settings.rate();
        if (eventMs > budgetMs && pages.count() > 0 && pages.p99() > 25) {
            report.note(String.format(Locale.ROOT, "End to end at %s/s is limited by CPU: Tocsin spent %.1f ms of CPU"
                    + " per event (all its processes, load and draining) where the %d cores allow %.1f ms per event at"
                    + " this rate for everything, the load generator included. It paged %.0f events a second until the"
                    + " last one and shed %d with 503.", Report.format(settings.rate()), eventMs, CORES, budgetMs,
                    e2e.accepted() / (settings.duration().toSeconds() + e2e.waitedSeconds()), e2eRun.unavailable()));
        }
        report.target("e2e lost (accepted, never paged)", "0", String.valueOf(e2e.lost()), conditions,
                e2e.lost() == 0 && e2e.accepted() > 0);
    }

    private void measureTimers(Tocsin tocsin, AdminApi.Keys keys, String enqueue) throws Exception {
        TimerLateness timers = new TimerLateness(tocsin, load, arrivals,
                key -> trigger(keys.pending(), key), key -> trigger(keys.lateness(), key), settings.latenessDelay());
        Report.Percentiles last = null;
        long lastCount = 0;
        for (int count : settings.timerCounts()) {
            step("escalation timers: %d pending, %d incidents escalating after %d s", count,
                    settings.latenessSamples(), settings.latenessDelay().toSeconds());
            timers.fillTo(count);
            lastCount = timers.pendingCount();
            long[] lateness = timers.measure("late" + count, settings.latenessSamples(), Duration.ofMillis(100));
            last = report.latency("timer lateness, " + lastCount + " pending (negative: early)",
                    Report.Percentiles.ofSorted(lateness));
            report.figure("Escalation timers", "lateness p50 / p99 / max with " + lastCount + " pending (ms)",
                    String.format(Locale.ROOT, "%.1f / %.1f / %.1f (%d of %d measured)", last.p50(), last.p99(),
                            last.max(), last.count(), settings.latenessSamples()));
        }
        if (last != null) {
            report.target("escalation timer lateness p99", "<= 250 ms with 100k pending", ms(last.p99()),
                    lastCount + " pending, " + last.count() + " samples",
                    last.count() == settings.latenessSamples() && last.p99() <= 250);
        }
    }

    private void measureOverload(Tocsin tocsin, AdminApi.Keys keys, String enqueue) throws Exception {
        long heapBefore = tocsin.heapUsedBytes();
        step("overload: %s events/s for %d s", Report.format(settings.overloadRate()), settings.overload().toSeconds());
        Load.Result overload = load.openLoop("overload", settings.overloadRate(), settings.overload(),
                seq -> Load.postJson(enqueue, trigger(keys.e2e(), Arrivals.key("over", seq))), 202);
        long heapAfter = tocsin.heapUsedBytes();
        boolean alive = tocsin.alive() && tocsin.healthUp();
        describe("Overload (" + Report.format(settings.overloadFactor()) + "x the open-loop rate)", overload);
        report.latency("ingest 202 under overload", overload.latency());
        report.figure("Overload (" + Report.format(settings.overloadFactor()) + "x the open-loop rate)",
                "every process up and ingest healthy afterwards", alive);
        report.figure("Overload (" + Report.format(settings.overloadFactor()) + "x the open-loop rate)",
                "ingest's JVM heap used before / after (MB)", String.format(Locale.ROOT, "%.0f / %.0f", heapBefore / 1e6,
                        heapAfter / 1e6));

        step("waiting for the overload's pages");
        Arrivals.EndToEnd overloadPages = arrivals.await("over", overload, settings.grace());
        report.figure("Recovery after the overload", "waited after the overload for its last SMS (s)",
                overloadPages.waitedSeconds());
        report.scenario("drain: pages a second, the overload's backlog after its last request", ">= 1000/s",
                Double.isNaN(overloadPages.drainRate()) ? "n/a (" + overloadPages.drained() + " left to drain)"
                        : String.format(Locale.ROOT, "%.0f/s (%d pages in %.1f s)", overloadPages.drainRate(),
                                overloadPages.drained(), overloadPages.drainSeconds()),
                Report.format(settings.overloadRate()) + "/s for " + settings.overload().toSeconds()
                        + " s, then nothing new", Double.isNaN(overloadPages.drainRate()) ? null
                        : overloadPages.drainRate() >= 1000);
        step("recovery: %s events/s for %d s", Report.format(settings.recoveryRate()), settings.recovery().toSeconds());
        Load.Result recovery = load.openLoop("recovery", settings.recoveryRate(), settings.recovery(),
                seq -> Load.postJson(enqueue, trigger(keys.e2e(), Arrivals.key("recov", seq))), 202);
        describe("Recovery after the overload", recovery);
        Arrivals.EndToEnd recoveryPages = arrivals.await("recov", recovery, settings.grace());
        report.latency("e2e of the overload's accepted events", overloadPages.latency());
        report.latency("e2e after the overload (recovery)", recoveryPages.latency());
        report.figure("Recovery after the overload", "overload events accepted / lost",
                overloadPages.accepted() + " / " + overloadPages.lost());
        report.figure("Recovery after the overload", "recovery events accepted / lost",
                recoveryPages.accepted() + " / " + recoveryPages.lost());
        boolean recovered = recovery.ok() == recovery.sent() && recovery.sent() > 0;
        boolean nothingLost = overloadPages.lost() == 0 && recoveryPages.lost() == 0;
        report.target("overload: sheds (429/503) or serves, stays up, recovers, loses nothing", "up, recovered, 0 lost",
                String.format(Locale.ROOT, "202: %d, 429: %d, 503: %d, other: %d, errors: %d; %s; recovery %d/%d"
                                + " accepted; lost %d", overload.ok(), overload.tooMany(), overload.unavailable(),
                        overload.other(), overload.errors(), alive ? "up" : "DOWN", recovery.ok(), recovery.sent(),
                        overloadPages.lost() + recoveryPages.lost()),
                Report.format(settings.overloadRate()) + "/s for " + settings.overload().toSeconds() + " s",
                alive && recovered && nothingLost);
    }

    private void measureAlertmanager() throws Exception {
        try (Alertmanager alertmanager = Alertmanager.start(work, logs.resolve("alertmanager.log"), arrivals,
                load.client())) {
            report.machine("alertmanager", Alertmanager.version());
            String alerts = alertmanager.url("/api/v2/alerts");
            Storms.Receiver receiver = new Storms.Receiver("am", 200, true,
                    key -> Load.postJson(alerts, Alertmanager.alert(key)),
                    key -> Load.postJson(alerts, Alertmanager.alert(key)));
            if (settings.runs("idle")) {
                step("Alertmanager idle: %d single alerts, a second apart", settings.idleSamples());
                storms.idle(receiver, false);
            }
            String section = "Reference: Alertmanager at the open-loop rate (POST /api/v2/alerts)";
            if (settings.runs("e2e")) {
                step("Alertmanager: warming up, then %s alerts/s for %d s", Report.format(settings.rate()),
                        settings.duration().toSeconds());
                load.openLoop("am-warm-up", settings.rate(), settings.warmUp(),
                        seq -> Load.postJson(alerts, Alertmanager.alert(Arrivals.key("amwarm", seq))), 200);
                double cpu = ProcStats.cpuSeconds(alertmanager.pid());
                Load.Result run = load.openLoop("alertmanager", settings.rate(), settings.duration(),
                        seq -> Load.postJson(alerts, Alertmanager.alert(Arrivals.key("am", seq))), 200);
                Arrivals.EndToEnd delivered = arrivals.await("am", run, settings.grace());
                double cpuUsed = ProcStats.cpuSeconds(alertmanager.pid()) - cpu;
                describe(section, run);
                report.latency("Alertmanager accept (200)", run.latency());
                Report.Percentiles webhook = report.latency(ALERTMANAGER, delivered.latency());
                report.figure(section, "webhooks received / not received", delivered.latency().getTotalCount()
                        + " / " + delivered.lost());
                report.figure(section, "CPU s per 1,000 alerts", delivered.accepted() > 0
                        ? cpuUsed * 1000 / delivered.accepted() : 0.0);
                report.note(String.format(Locale.ROOT, "Alertmanager's webhook p50 %.1f ms, p99 %.1f ms is its"
                        + " post-to-notification time with group_wait 0s; Tocsin's e2e adds Kafka, PostgreSQL and the"
                        + " Twilio call.", webhook.p50(), webhook.p99()));
            }
            if (settings.runs("ingest")) {
                step("Alertmanager saturation: %d connections for %d s", settings.connections(),
                        settings.saturation().toSeconds());
                Load.Result saturated = load.closedLoop("alertmanager saturation", settings.connections(),
                        settings.saturation(),
                        seq -> Load.postJson(alerts, Alertmanager.alert(Arrivals.key("amsat", seq))), 200);
                describe("Reference: Alertmanager saturation (closed loop)", saturated);
                report.figure("Ratios", "Tocsin ingest durable 202/s : Alertmanager accepted/s (both saturated)",
                        saturated.okRate() > 0 ? ingestSaturation / saturated.okRate() : 0.0);
                report.target("ingest durable 202 throughput vs Alertmanager's accepted rate", ">= Alertmanager",
                        String.format(Locale.ROOT, "%.0f/s vs %.0f/s", ingestSaturation, saturated.okRate()),
                        settings.connections() + " connections each, closed loop",
                        ingestSaturation > 0 && ingestSaturation >= saturated.okRate());
                if (ingestSaturation < saturated.okRate()) {
                    report.note("Alertmanager answers 200 once an alert is in its memory (nothing of it survives a"
                            + " crash); Tocsin answers 202 once the event is in Kafka, fsync'd, and routing reads it"
                            + " in a transaction on the same cores: that durable work per event is what the gap is.");
                }
            }
            if (settings.runs("storm")) {
                step("Alertmanager storm: %d distinct alerts in %d s", settings.stormAlerts(),
                        settings.storm().toSeconds());
                storms.storm(receiver);
            }
            if (settings.runs("neighbour")) {
                step("Alertmanager neighbour: %d posts of one alert in %d s beside %d probes",
                        settings.flappingTriggers(), settings.flapping().toSeconds(), settings.probes());
                storms.neighbour(receiver);
            }
            alertmanager.peakRssBytes().ifPresent(rss -> report.figure("Reference: Alertmanager", "peak RSS (MB)",
                    rss / 1e6));
        }
    }

    private void describe(String section, Load.Result run) {
        if (run.offeredRate() > 0) {
            report.figure(section, "offered rate (req/s)", run.offeredRate());
        }
        report.figure(section, "sent", run.sent());
        report.figure(section, "ok (202 or 200) / 429 / 503 / other / errors", run.ok() + " / " + run.tooMany() + " / "
                + run.unavailable() + " / " + run.other() + " / " + run.errors());
        report.figure(section, "ok per second", run.okRate());
        Report.Percentiles p = Report.Percentiles.of(run.latency());
        report.figure(section, "answer latency p50 / p99 / max (ms)",
                String.format(Locale.ROOT, "%.1f / %.1f / %.1f", p.p50(), p.p99(), p.max()));
        step("  %s: sent %d, ok %d, 429 %d, 503 %d, other %d, errors %d, %.0f ok/s, p99 %.1f ms", run.name(),
                run.sent(), run.ok(), run.tooMany(), run.unavailable(), run.other(), run.errors(), run.okRate(),
                p.p99());
    }

    /** Posts resolves (routing finds no incident for them) until ingest has learned the key from Kafka. */
    private void awaitKnown(String enqueue, String key) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (load.send(Load.postJson(enqueue, resolve(key, Arrivals.key("probe", 0)))) != 202) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ingest did not accept a new integration key within 60 s");
            }
            Thread.sleep(100);
        }
    }

    /** An Events API v2 trigger whose summary carries the benchmark key, so the SMS can be matched to it. */
    public static String trigger(String routingKey, String benchKey) {
        return """
                {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",\
                "payload":{"summary":"bench %s","source":"bench","severity":"critical"}}""".formatted(routingKey,
                benchKey, benchKey);
    }

    static String resolve(String routingKey, String benchKey) {
        return """
                {"routing_key":"%s","event_action":"resolve","dedup_key":"%s"}""".formatted(routingKey, benchKey);
    }

    /**
     * What Tocsin's processes get besides ports, Kafka and PostgreSQL: Twilio at the fake, no throttling (one user
     * gets every page).
     */
    public static Map<String, String> environment(FakeTwilio twilio) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TOCSIN_TWILIO_ACCOUNT_SID", twilio.accountSid());
        env.put("TOCSIN_TWILIO_AUTH_TOKEN", twilio.authToken());
        env.put("TOCSIN_TWILIO_FROM_NUMBER", "+12015550100");
        env.put("TOCSIN_TWILIO_BASE_URL", twilio.baseUrl());
        env.put("TOCSIN_THROTTLE_SMS", "0");
        env.put("TOCSIN_THROTTLE_VOICE", "0");
        return env;
    }

    /**
     * Waits (at most a minute) until Tocsin's processes use less than a fifth of a core for two seconds: after the
     * last page, routing still reads delivery reports and the JIT still compiles, and a closed loop measured beside
     * that is measured on fewer cores.
     */
    private static void awaitIdle(Tocsin tocsin) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        Cpu before = Cpu.now(tocsin);
        while (System.nanoTime() < deadline) {
            Thread.sleep(2000);
            Cpu now = Cpu.now(tocsin);
            if (now.minus(before).tocsin() / 2 < 0.2) {
                return;
            }
            before = now;
        }
        step("Tocsin did not go idle within a minute; measuring anyway");
    }

    /** CPU seconds: Tocsin's processes together, and this JVM (the load generator and the fake Twilio). */
    private record Cpu(double tocsin, double generator) {

        static Cpu now(Tocsin tocsin) {
            return new Cpu(tocsin.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum(),
                    ProcStats.cpuSeconds(ProcessHandle.current().pid()));
        }

        Cpu minus(Cpu before) {
            return new Cpu(tocsin - before.tocsin, generator - before.generator);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.1f ms", value);
    }

    static void step(String format, Object... args) {
        System.out.printf("[bench %s] %s%n", LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")),
                String.format(Locale.ROOT, format, args));
    }
}
