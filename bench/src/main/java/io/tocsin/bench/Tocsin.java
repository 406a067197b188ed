package io.tocsin.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Tocsin a benchmark measures, started with a fresh data directory, free ports and the benchmark's fake Twilio:
 * the standalone launcher ({@link TocsinProcess}) or the services as separate processes ({@link TocsinCluster}).
 */
abstract class Tocsin implements AutoCloseable {

    private final HttpClient http;
    private final long startedNanos;

    Tocsin(HttpClient http, long startedNanos) {
        this.http = http;
        this.startedNanos = startedNanos;
    }

    abstract String ingestUrl(String path);

    abstract String routingUrl(String path);

    /** Ingest's actuator: on its management port. */
    abstract String ingestManagementUrl(String path);

    abstract String jdbcUrl();

    /** Whether every process is still running. */
    abstract boolean alive();

    /** The processes by name, for CPU time and peak RSS: each JVM, and PostgreSQL as its postmaster with backends. */
    abstract Map<String, List<ProcessHandle>> processes();

    /** Which processes these are, for the report: "standalone launcher" or "separate processes". */
    abstract String mode();

    @Override
    public abstract void close() throws InterruptedException;

    /** Waits until ingest's health is UP and the admin API answers; the time since the first process was started. */
    Duration awaitReady(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                throw new IllegalStateException("a Tocsin process exited: see the logs");
            }
            if (healthUp() && adminAnswers()) {
                return Duration.ofNanos(System.nanoTime() - startedNanos);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Tocsin was not ready within " + patience + ": see the logs");
    }

    boolean healthUp() {
        HttpResponse<String> health = get(ingestManagementUrl("/actuator/health"), null);
        return health != null && health.statusCode() == 200 && health.body().contains("\"UP\"");
    }

    private boolean adminAnswers() {
        HttpResponse<String> users = get(routingUrl("/api/v1/users"), AdminApi.ADMIN_TOKEN);
        return users != null && users.statusCode() == 200;
    }

    /** Heap in use in the JVM that runs ingest (the launcher's, or ingest's own), from its actuator; -1 if unknown. */
    long heapUsedBytes() {
        HttpResponse<String> metric = get(ingestManagementUrl("/actuator/metrics/jvm.memory.used?tag=area:heap"), null);
        if (metric == null || metric.statusCode() != 200) {
            return -1;
        }
        return (long) JsonMapper.shared().readTree(metric.body()).path("measurements").path(0).path("value")
                .asDouble(-1);
    }

    /** CPU time (user + system) of each process so far, in seconds. */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        processes().forEach((name, handles) ->
                seconds.put(name, handles.stream().mapToDouble(p -> ProcStats.cpuSeconds(p.pid())).sum()));
        return seconds;
    }

    /** The peak resident set (VmHWM) of each process; PostgreSQL's summed over its processes (shared memory in each). */
    Map<String, Long> peakRssBytes() {
        Map<String, Long> bytes = new LinkedHashMap<>();
        processes().forEach((name, handles) ->
                bytes.put(name, handles.stream().mapToLong(p -> ProcStats.peakRssBytes(p.pid())).sum()));
        return bytes;
    }

    private HttpResponse<String> get(String url, String token) {
        var request = Load.request(url).timeout(Duration.ofSeconds(5)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
