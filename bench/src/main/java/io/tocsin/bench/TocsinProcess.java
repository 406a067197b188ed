package io.tocsin.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The standalone launcher as a process of its own, with its own data directory, ports and fake Twilio. */
public final class TocsinProcess extends Tocsin {

    private final Process process;
    private final Path dataDir;
    private final int ingestPort;
    private final int routingPort;
    private final int ingestManagementPort;
    private final int dbPort;

    private TocsinProcess(Process process, long startedNanos, HttpClient http, Path dataDir, int[] ports) {
        super(http, startedNanos);
        this.process = process;
        this.dataDir = dataDir;
        this.ingestPort = ports[0];
        this.routingPort = ports[1];
        this.ingestManagementPort = ports[5];
        this.dbPort = ports[4];
    }

    /**
     * Starts the launcher as a user does, through the repository's {@code ./tocsin} (so with its JVM options), with a
     * fresh data directory under {@code work}; its output goes to {@code log}.
     */
    static TocsinProcess start(Path repo, Path work, Path log, Map<String, String> benchEnv, HttpClient http)
            throws IOException {
        int[] ports = freePorts(8);
        Path dataDir = work.resolve("tocsin-data");
        Map<String, String> env = new HashMap<>(benchEnv);
        env.put("TOCSIN_DATA_DIR", dataDir.toString());
        env.put("TOCSIN_INGEST_PORT", String.valueOf(ports[0]));
        env.put("TOCSIN_ROUTING_PORT", String.valueOf(ports[1]));
        env.put("TOCSIN_NOTIFIER_PORT", String.valueOf(ports[2]));
        env.put("TOCSIN_KAFKA_PORT", String.valueOf(ports[3]));
        env.put("TOCSIN_DB_PORT", String.valueOf(ports[4]));
        env.put("TOCSIN_INGEST_MANAGEMENT_PORT", String.valueOf(ports[5]));
        env.put("TOCSIN_ROUTING_MANAGEMENT_PORT", String.valueOf(ports[6]));
        env.put("TOCSIN_NOTIFIER_MANAGEMENT_PORT", String.valueOf(ports[7]));
        env.put("TOCSIN_PUBLIC_URL", "http://localhost:" + ports[2]);
        env.put("TOCSIN_ADMIN_TOKEN", AdminApi.ADMIN_TOKEN);
        // the script execs java: the process started here is the launcher JVM whose CPU time and RSS are reported
        ProcessBuilder builder = new ProcessBuilder(repo.resolve("tocsin").toAbsolutePath().toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        long started = System.nanoTime();
        return new TocsinProcess(builder.start(), started, http, dataDir, ports);
    }

    @Override
    String ingestUrl(String path) {
        return "http://127.0.0.1:" + ingestPort + path;
    }

    @Override
    String routingUrl(String path) {
        return "http://127.0.0.1:" + routingPort + path;
    }

    @Override
    String ingestManagementUrl(String path) {
        return "http://127.0.0.1:" + ingestManagementPort + path;
    }

    @Override
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres";
    }

    @Override
    boolean alive() {
        return process.isAlive();
    }

    @Override
    String mode() {
        return "standalone launcher";
    }

    @Override
    Map<String, List<ProcessHandle>> processes() {
        Map<String, List<ProcessHandle>> processes = new LinkedHashMap<>();
        processes.put("launcher JVM (ingest, routing, notifier, Kafka)", List.of(process.toHandle()));
        processes.put("postgres", ProcStats.postgres(dataDir.resolve("postgres")));
        return processes;
    }

    /** Stops it as Ctrl-C would (services, then broker, then database), killing it if that takes over a minute. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> postgres = ProcStats.postgres(dataDir.resolve("postgres"));
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
