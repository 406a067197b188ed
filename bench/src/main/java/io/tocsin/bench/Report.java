package io.tocsin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Collects the figures of a run and writes them as report.md, report.json and latency.png. */
final class Report {

    /** Latency percentiles in milliseconds, as the report and the plot show them. */
    record Percentiles(long count, double p50, double p90, double p99, double p999, double p9999, double max) {

        static Percentiles of(Histogram micros) {
            return new Percentiles(micros.getTotalCount(), ms(micros, 50), ms(micros, 90), ms(micros, 99),
                    ms(micros, 99.9), ms(micros, 99.99), micros.getTotalCount() == 0 ? 0 : micros.getMaxValue() / 1000.0);
        }

        /** Of signed values (µs), sorted ascending: nearest rank. */
        static Percentiles ofSorted(long[] micros) {
            return new Percentiles(micros.length, rank(micros, 50), rank(micros, 90), rank(micros, 99),
                    rank(micros, 99.9), rank(micros, 99.99), micros.length == 0 ? 0 : micros[micros.length - 1] / 1000.0);
        }

        private static double rank(long[] sorted, double percentile) {
            if (sorted.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
        }

        private static double ms(Histogram micros, double percentile) {
            return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1000.0;
        }

        double[] values() {
            return new double[] {p50, p90, p99, p999, p9999, max};
        }
    }

    /** A target from the issue beside what was measured. */
    record Target(String what, String target, String measured, String conditions, String verdict) {
    }

    /**
     * A row of the storm scenarios (issue 25): Tocsin's figure beside Alertmanager's doing the same, where it can,
     * filled in once Alertmanager has run.
     */
    record Scenario(String what, String target, String tocsin, String alertmanager, String conditions,
            String verdict) {
    }

    private final Map<String, Scenario> scenarios = new LinkedHashMap<>();
    private final Map<String, Object> machine = new LinkedHashMap<>();
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> figures = new LinkedHashMap<>();
    private final Map<String, Percentiles> latencies = new LinkedHashMap<>();
    private final List<Target> targets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void machine(String name, Object value) {
        machine.put(name, value);
    }

    void setting(String name, Object value) {
        settings.put(name, value);
    }

    void figure(String section, String name, Object value) {
        figures.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(name, value);
    }

    /** Records a latency distribution (µs histogram), for the table and, if named in {@link #write}, the plot. */
    Percentiles latency(String name, Histogram micros) {
        return latency(name, Percentiles.of(micros));
    }

    Percentiles latency(String name, Percentiles percentiles) {
        latencies.put(name, percentiles);
        return percentiles;
    }

    void target(String what, String target, String measured, String conditions, Boolean met) {
        targets.add(new Target(what, target, measured, conditions, met == null ? "n/a" : met ? "PASS" : "MISS"));
    }

    /** A storm scenario's row; {@code target} and {@code met} null for a figure without a target. */
    void scenario(String what, String target, String tocsin, String conditions, Boolean met) {
        scenarios.put(what, new Scenario(what, target == null ? "" : target, tocsin, "",
                conditions, met == null ? "" : met ? "PASS" : "MISS"));
    }

    /** Alertmanager's figure for the scenario row {@code what}, added after Tocsin's. */
    void scenarioReference(String what, String alertmanager) {
        scenarios.computeIfPresent(what, (key, row) -> new Scenario(row.what(), row.target(), row.tocsin(),
                alertmanager, row.conditions(), row.verdict()));
    }

    void note(String note) {
        notes.add(note);
    }

    void write(Path dir, List<String> plotted) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        json.put("settings", settings);
        json.put("figures", figures);
        json.put("latency_ms", latencies);
        json.put("targets", targets);
        json.put("scenarios", scenarios.values());
        json.put("notes", notes);
        Files.writeString(dir.resolve("report.json"),
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(json));
        Files.writeString(dir.resolve("report.md"), markdown());
        Map<String, Percentiles> series = new LinkedHashMap<>();
        plotted.stream().filter(latencies::containsKey).forEach(name -> series.put(name, latencies.get(name)));
        if (!series.isEmpty()) {
            LatencyPlot.write(series, dir.resolve("latency.png"));
        }
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Tocsin benchmark\n\n");
        table(md, "Machine", machine);
        table(md, "Settings", settings);
        md.append("## Targets (issue 11)\n\n| what | target | measured | conditions | verdict |\n| --- | --- | --- | --- | --- |\n");
        targets.forEach(t -> md.append("| ").append(t.what()).append(" | ").append(t.target()).append(" | ")
                .append(t.measured()).append(" | ").append(t.conditions()).append(" | **").append(t.verdict())
                .append("** |\n"));
        if (!scenarios.isEmpty()) {
            md.append("\n## Storm scenarios (issue 25)\n\n| what | target | Tocsin | Alertmanager | conditions"
                    + " | verdict |\n| --- | --- | --- | --- | --- | --- |\n");
            scenarios.values().forEach(r -> md.append("| ").append(r.what()).append(" | ").append(r.target())
                    .append(" | ").append(r.tocsin()).append(" | ").append(r.alertmanager()).append(" | ")
                    .append(r.conditions()).append(" | ").append(r.verdict().isEmpty() ? "" : "**" + r.verdict() + "**")
                    .append(" |\n"));
        }
        md.append("\n## Latency (ms)\n\n| series | count | p50 | p90 | p99 | p99.9 | p99.99 | max |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        latencies.forEach((name, p) -> md.append("| ").append(name).append(" | ").append(p.count())
                .append(String.format(Locale.ROOT, " | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
                        p.p50(), p.p90(), p.p99(), p.p999(), p.p9999(), p.max())));
        md.append("\n![latency percentiles](latency.png)\n\n");
        figures.forEach((section, values) -> table(md, section, values));
        if (!notes.isEmpty()) {
            md.append("## Notes\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    private static void table(StringBuilder md, String title, Map<String, Object> values) {
        md.append("## ").append(title).append("\n\n| | |\n| --- | --- |\n");
        values.forEach((name, value) -> md.append("| ").append(name).append(" | ").append(format(value))
                .append(" |\n"));
        md.append('\n');
    }

    static String format(Object value) {
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : "%.2f", d);
        }
        return String.valueOf(value);
    }
}
