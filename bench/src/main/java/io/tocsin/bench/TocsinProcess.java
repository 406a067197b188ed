package io.tocsin.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/** The standalone launcher as a process of its own, with its own data directory, ports and fake Twilio. */
public final class TocsinProcess implements AutoCloseable {

    static final String ADMIN_TOKEN = "bench-admin-token";
    static final String TWILIO_FROM = "+12015550100";

    private final Process process;
    private final long startedNanos;
    private final HttpClient http;
    private final Path dataDir;
    final int ingestPort;
    final int routingPort;
    final int notifierPort;
    final int dbPort;

    private TocsinProcess(Process process, long startedNanos, HttpClient http, Path dataDir, int[] ports) {
        this.process = process;
        this.dataDir = dataDir;
        this.startedNanos = startedNanos;
        this.http = http;
        this.ingestPort = ports[0];
        this.routingPort = ports[1];
        this.notifierPort = ports[2];
        this.dbPort = ports[4];
    }

    /** Starts {@code java -jar jar} with a fresh data directory under {@code work}; its output goes to {@code log}. */
    static TocsinProcess start(Path jar, Path work, Path log, String twilioSid, String twilioToken, String twilioUrl,
            HttpClient http) throws IOException {
        int[] ports = freePorts(5);
        Path dataDir = work.resolve("tocsin-data");
        Map<String, String> env = new HashMap<>();
        env.put("TOCSIN_DATA_DIR", dataDir.toString());
        env.put("TOCSIN_INGEST_PORT", String.valueOf(ports[0]));
        env.put("TOCSIN_ROUTING_PORT", String.valueOf(ports[1]));
        env.put("TOCSIN_NOTIFIER_PORT", String.valueOf(ports[2]));
        env.put("TOCSIN_KAFKA_PORT", String.valueOf(ports[3]));
        env.put("TOCSIN_DB_PORT", String.valueOf(ports[4]));
        env.put("TOCSIN_PUBLIC_URL", "http://localhost:" + ports[2]);
        env.put("TOCSIN_ADMIN_TOKEN", ADMIN_TOKEN);
        // one benchmark user gets every page: the per-contact-method limits would hold them back
        env.put("TOCSIN_THROTTLE_SMS", "0");
        env.put("TOCSIN_THROTTLE_VOICE", "0");
        env.put("TOCSIN_TWILIO_ACCOUNT_SID", twilioSid);
        env.put("TOCSIN_TWILIO_AUTH_TOKEN", twilioToken);
        env.put("TOCSIN_TWILIO_FROM_NUMBER", TWILIO_FROM);
        env.put("TOCSIN_TWILIO_BASE_URL", twilioUrl);
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        long started = System.nanoTime();
        return new TocsinProcess(builder.start(), started, http, dataDir, ports);
    }

    /**
     * Waits until ingest's health is UP and the admin API answers; returns the time since the process was started.
     */
    Duration awaitReady(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the launcher exited with " + process.exitValue() + ": see its log");
            }
            if (healthUp() && adminAnswers()) {
                return Duration.ofNanos(System.nanoTime() - startedNanos);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the launcher was not ready within " + patience + ": see its log");
    }

    String ingestUrl(String path) {
        return "http://127.0.0.1:" + ingestPort + path;
    }

    String routingUrl(String path) {
        return "http://127.0.0.1:" + routingPort + path;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres";
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    boolean healthUp() {
        HttpResponse<String> health = get(ingestUrl("/actuator/health"), null);
        return health != null && health.statusCode() == 200 && health.body().contains("\"UP\"");
    }

    private boolean adminAnswers() {
        HttpResponse<String> users = get(routingUrl("/api/v1/users"), ADMIN_TOKEN);
        return users != null && users.statusCode() == 200;
    }

    /** Heap in use in the launcher's JVM (all three services share it), from ingest's actuator; -1 if unknown. */
    long heapUsedBytes() {
        HttpResponse<String> metric = get(ingestUrl("/actuator/metrics/jvm.memory.used?tag=area:heap"), null);
        if (metric == null || metric.statusCode() != 200) {
            return -1;
        }
        return (long) JsonMapper.shared().readTree(metric.body()).path("measurements").path(0).path("value")
                .asDouble(-1);
    }

    /** CPU time (user + system) of the launcher JVM so far, in seconds. */
    double jvmCpuSeconds() {
        return ProcStats.cpuSeconds(process.pid());
    }

    /** CPU time of PostgreSQL's processes so far, in seconds. */
    double postgresCpuSeconds() {
        return postgres().mapToDouble(p -> ProcStats.cpuSeconds(p.pid())).sum();
    }

    /** The launcher JVM's peak resident set (VmHWM). */
    long peakRssBytes() {
        return ProcStats.peakRssBytes(process.pid());
    }

    /** The sum of the peak resident sets of PostgreSQL's processes (shared memory counted in each). */
    long postgresPeakRssBytes() {
        return postgres().mapToLong(p -> ProcStats.peakRssBytes(p.pid())).sum();
    }

    /** The postmaster and its backends: pg_ctl detaches the postmaster from the launcher, its pid file names it. */
    private Stream<ProcessHandle> postgres() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).getFirst().trim());
            return ProcessHandle.of(pid).stream().flatMap(p -> Stream.concat(Stream.of(p), p.descendants()));
        } catch (IOException | RuntimeException e) {
            return Stream.empty();
        }
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

    /** Stops it as Ctrl-C would (services, then broker, then database), killing it if that takes over a minute. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> postgres = postgres().toList();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            postgres.forEach(ProcessHandle::destroy);
        }
    }

    public static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        int[] ports = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
        return ports;
    }

    /** Removes the launcher's data directory once it has stopped. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
