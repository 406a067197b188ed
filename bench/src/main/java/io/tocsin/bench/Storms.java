package io.tocsin.bench;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The scenarios of issue 25 where a person waits for one page: {@code idle} (single triggers on an instance doing
 * nothing else), {@code storm} (thousands of distinct alerts at once, each to be paged) and {@code neighbour} (a
 * flapping monitor floods one dedup key while probes open new incidents on another service). Each runs against
 * Tocsin and then, with the same load, against Alertmanager, whose figures go beside Tocsin's in the report.
 */
final class Storms {

    /** Tocsin's latency series of these scenarios, for the report's plot. */
    static final List<String> PLOTTED = List.of("Tocsin idle: POST to page", "Tocsin storm: alert to page",
            "Tocsin neighbour: probe to page");

    private static final Duration IDLE_SPACING = Duration.ofSeconds(1);

    /**
     * Where a scenario's alerts go and what one looks like there, by its benchmark key: Tocsin's Events API v2 (the
     * flood to a service of its own) or Alertmanager's API. {@code prefix} keeps their keys apart in {@link Arrivals}.
     */
    record Receiver(String prefix, int okStatus, boolean reference, Function<String, HttpRequest> alert,
            Function<String, HttpRequest> flapping) {
    }

    private final Settings settings;
    private final Report report;
    private final Load load;
    private final Arrivals arrivals;

    Storms(Settings settings, Report report, Load load, Arrivals arrivals) {
        this.settings = settings;
        this.report = report;
        this.load = load;
        this.arrivals = arrivals;
    }

    /**
     * Single alerts a second apart, each waited for before the next: from the POST to its page at the fake provider,
     * and to the answer. What a responder sees of the first alert of an outage, not a figure under load. Measured on
     * the fresh instance (the target's figure) and again once the warm-up has run the same code many times, so the
     * report shows how much of a lone trigger's time is a cold JVM (interpreted code, classes loaded on first use) and
     * how much the path itself.
     */
    void idle(Receiver to, boolean warm) throws InterruptedException {
        String phase = to.prefix() + (warm ? "warmidle" : "idle");
        List<Long> answers = new ArrayList<>();
        List<Long> pages = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < settings.idleSamples(); i++) {
            Load.parkUntil(start + i * IDLE_SPACING.toNanos());
            String key = Arrivals.key(phase, i);
            long sent = System.nanoTime();
            int status = load.send(to.alert().apply(key));
            long answered = System.nanoTime();
            if (status != to.okStatus()) {
                continue;
            }
            answers.add((answered - sent) / 1000);
            long deadline = sent + settings.grace().toNanos();
            while (arrivals.of(key).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            arrivals.of(key).stream().findFirst().ifPresent(arrived -> pages.add((arrived - sent) / 1000));
        }
        Report.Percentiles page = Report.Percentiles.ofSorted(sorted(pages));
        Report.Percentiles answer = Report.Percentiles.ofSorted(sorted(answers));
        String name = (to.reference() ? "Alertmanager" : "Tocsin") + (warm ? " idle after the warm-up" : " idle");
        report.latency(name + ": POST to page", page);
        report.latency(name + ": POST to answer", answer);
        if (warm) {
            row(to, "idle after the warm-up: POST to page, p50 (first of them)", null,
                    String.format(Locale.ROOT, "%.1f ms (%s), %d of %d paged", page.p50(), first(pages), pages.size(),
                            settings.idleSamples()),
                    settings.idleSamples() + " alerts " + IDLE_SPACING.toSeconds() + " s apart, once the warm-up's"
                            + " events are paged", null);
            return;
        }
        String conditions = settings.idleSamples() + " alerts " + IDLE_SPACING.toSeconds() + " s apart, each paged"
                + " before the next" + (to.reference() ? "" : "; a fresh instance, before the warm-up");
        row(to, "idle: POST to page, p50 (first of them)", "<= 15 ms",
                String.format(Locale.ROOT, "%.1f ms (%s), %d of %d paged", page.p50(), first(pages), pages.size(),
                        settings.idleSamples()),
                conditions, pages.size() == settings.idleSamples() && page.p50() <= 15);
        row(to, "idle: POST to answer (202; Alertmanager's 200), p50 (first of them)", null,
                String.format(Locale.ROOT, "%.1f ms (%s)", answer.p50(), first(answers)), conditions, null);
    }

    /**
     * Distinct alerts as fast as an outage sends them, each a page; a refused one is sent again after its Retry-After,
     * as a monitor would, so every alert gets in: how long after the last alert its page came, and none missing.
     */
    void storm(Receiver to) throws InterruptedException {
        String phase = to.prefix() + "storm";
        Load.Result run = load.openLoopRetrying(phase, settings.stormAlerts() / (double) settings.storm().toSeconds(),
                settings.storm(), seq -> to.alert().apply(Arrivals.key(phase, seq)), to.okStatus());
        Arrivals.EndToEnd pages = arrivals.await(phase, run, settings.grace());
        long lastPage = 0;
        for (long seq = 0; seq < run.sent(); seq++) {
            List<Long> times = arrivals.of(Arrivals.key(phase, seq));
            if (run.accepted(seq) && !times.isEmpty()) {
                lastPage = Math.max(lastPage, times.getFirst());
            }
        }
        double afterLast = lastPage == 0 ? Double.NaN : (lastPage - run.intendedNanos(run.sent() - 1)) / 1e9;
        Report.Percentiles latency = report.latency((to.reference() ? "Alertmanager" : "Tocsin")
                + " storm: alert to page", pages.latency());
        String conditions = String.format(Locale.ROOT, "%d distinct alerts in %d s, refused ones retried after"
                + " Retry-After", settings.stormAlerts(), settings.storm().toSeconds());
        row(to, "storm: last page after the last alert (s)", "<= 10 s",
                String.format(Locale.ROOT, "%.2f s", afterLast), conditions, afterLast <= 10);
        row(to, "storm: lost (accepted, never paged); never accepted", "0; 0", pages.lost() + " of "
                + pages.accepted() + "; " + (settings.stormAlerts() - pages.accepted()), conditions,
                pages.lost() == 0 && pages.accepted() == settings.stormAlerts());
        row(to, "storm: alert to page p50 / p99; answers refused and retried", null, String.format(Locale.ROOT,
                "%.0f / %.0f ms; %d", latency.p50(), latency.p99(), run.retried()), conditions, null);
    }

    /**
     * A flapping monitor sends one dedup key over and over (its repeats are not retried: each says the same) while
     * probes, a few a second, open new incidents on another service and are retried after Retry-After when refused:
     * how long the probes' pages take beside the flood.
     */
    void neighbour(Receiver to) throws InterruptedException {
        String flapKey = Arrivals.key(to.prefix() + "flap", 0);
        String phase = to.prefix() + "nprobe";
        Duration length = settings.flapping();
        Load.Result probes;
        Load.Result flood;
        try (ExecutorService flooding = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Load.Result> flooded = CompletableFuture.supplyAsync(() -> load.openLoop(
                    to.prefix() + "flap", settings.flappingTriggers() / (double) length.toSeconds(), length,
                    seq -> to.flapping().apply(flapKey), to.okStatus()), flooding);
            probes = load.openLoopRetrying(phase, settings.probes() / (double) length.toSeconds(), length,
                    seq -> to.alert().apply(Arrivals.key(phase, seq)), to.okStatus());
            flood = flooded.join();
        }
        Arrivals.EndToEnd pages = arrivals.await(phase, probes, settings.grace());
        Report.Percentiles latency = report.latency((to.reference() ? "Alertmanager" : "Tocsin")
                + " neighbour: probe to page", pages.latency());
        String conditions = String.format(Locale.ROOT, "%d probes beside %d triggers of one key in %d s",
                settings.probes(), settings.flappingTriggers(), length.toSeconds());
        row(to, "neighbour: probe page p99 (p50)", "<= 1 s", String.format(Locale.ROOT, "%.0f ms (%.0f ms)",
                latency.p99(), latency.p50()), conditions, pages.accepted() == settings.probes()
                        && pages.lost() == 0 && latency.p99() <= 1000);
        row(to, "neighbour: probes paged / not paged; refusals retried", "all paged", String.format(Locale.ROOT,
                "%d / %d; %d", pages.latency().getTotalCount(), pages.lost() + settings.probes() - pages.accepted(),
                probes.retried()), conditions, pages.lost() == 0 && pages.accepted() == settings.probes());
        row(to, "neighbour: the flood's answers ok / 429 / 503 / other / errors; pages of its key", null,
                String.format(Locale.ROOT, "%d / %d / %d / %d / %d; %d", flood.ok(), flood.tooMany(),
                        flood.unavailable(), flood.other(), flood.errors(), arrivals.of(flapKey).size()),
                conditions, null);
    }

    /** Tocsin's figure as a row of its own, Alertmanager's beside it. */
    private void row(Receiver to, String what, String target, String measured, String conditions, Boolean met) {
        if (to.reference()) {
            report.scenarioReference(what, measured);
        } else {
            report.scenario(what, target, measured, conditions, target == null ? null : met);
        }
    }

    private static long[] sorted(List<Long> micros) {
        return micros.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static String first(List<Long> micros) {
        return micros.isEmpty() ? "none" : String.format(Locale.ROOT, "%.1f ms", micros.getFirst() / 1000.0);
    }
}
