package io.tocsin.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prometheus Alertmanager (Debian's package) as the reference: alerts posted to its API, each its own group
 * ({@code group_by: ['...']}, {@code group_wait: 0s}), delivered to a webhook served here.
 */
final class Alertmanager implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    private final Process process;
    private final HttpServer receiver;
    private final int port;

    private Alertmanager(Process process, HttpServer receiver, int port) {
        this.process = process;
        this.receiver = receiver;
        this.port = port;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** The installed version, as {@code --version} prints it on its first line. */
    static String version() {
        return ProcStats.command(BINARY.toString(), "--version").lines().findFirst().orElse("unknown").trim();
    }

    /** Starts it under {@code work}, its webhook receiver recording each alert's arrival in {@code arrivals}. */
    static Alertmanager start(Path work, Path log, Arrivals arrivals, HttpClient http)
            throws IOException, InterruptedException {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/alertmanager", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                JsonNode webhook = JsonMapper.shared().readTree(body.readAllBytes());
                for (JsonNode alert : webhook.path("alerts")) {
                    arrivals.arrived(alert.path("labels").path("bench_key").asString());
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        int port = TocsinProcess.freePorts(1)[0];
        Path config = work.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: bench
                  group_by: ['...']
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 24h
                receivers:
                  - name: bench
                    webhook_configs:
                      - url: http://127.0.0.1:%d/alertmanager
                        send_resolved: false
                """.formatted(receiver.getAddress().getPort()));
        Process process = new ProcessBuilder(BINARY.toString(),
                "--config.file=" + config,
                "--storage.path=" + Files.createDirectories(work.resolve("alertmanager-data")),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Alertmanager alertmanager = new Alertmanager(process, receiver, port);
        alertmanager.awaitReady(http);
        return alertmanager;
    }

    private void awaitReady(HttpClient http) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(Load.request(url("/-/ready")).GET().build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Alertmanager did not become ready: see its log");
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** One firing alert carrying the benchmark key as its {@code bench_key} label, as Prometheus would post it. */
    static String alert(String key) {
        return """
                [{"labels":{"alertname":"BenchAlert","bench_key":"%s","severity":"critical"},
                  "annotations":{"summary":"bench %s"},"startsAt":"%s"}]
                """.formatted(key, key, Instant.now());
    }

    long pid() {
        return process.pid();
    }

    Optional<Long> peakRssBytes() {
        return Optional.of(ProcStats.peakRssBytes(process.pid())).filter(v -> v > 0);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        receiver.stop(0);
    }
}
