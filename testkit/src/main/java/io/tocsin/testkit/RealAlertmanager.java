package io.tocsin.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}) for compatibility tests: started on a free
 * local port with a configuration, clustering off; alerts are posted to its API. Closing it prints its log into the
 * test's output, for when a receiver did not get through.
 */
public final class RealAlertmanager implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Path log;
    private final int port;

    private RealAlertmanager(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Skips the calling test, saying why, where the binary is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "Prometheus Alertmanager is not installed at " + BINARY
                + " (apt-get install prometheus-alertmanager): skipping the real-Alertmanager test");
    }

    /** Starts it with this configuration (YAML), its data and log in {@code workDir}, and waits until it is ready. */
    public static RealAlertmanager start(String config, Path workDir) throws IOException {
        Path configFile = Files.writeString(workDir.resolve("alertmanager.yml"), config);
        Path log = workDir.resolve("alertmanager.log");
        int port = freePort();
        Process process = new ProcessBuilder(BINARY.toString(),
                "--config.file=" + configFile,
                "--storage.path=" + Files.createDirectories(workDir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        RealAlertmanager alertmanager = new RealAlertmanager(process, log, port);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> HTTP.send(HttpRequest.newBuilder(
                        alertmanager.url("/-/ready")).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        return alertmanager;
    }

    /** Posts alerts (a JSON array) to its API v2; its answer. */
    public HttpResponse<String> postAlerts(String alerts) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(url("/api/v2/alerts")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alerts)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        System.out.println("Alertmanager's log:\n" + Files.readString(log));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
