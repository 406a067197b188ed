package io.tocsin.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tocsin as separate processes on loopback: one Kafka broker and one PostgreSQL (the standalone jar's embedded ones,
 * each in a JVM of its own that can be stopped and started again on the same data) and N instances of each service
 * from its {@code *-exec.jar}, all configured through the environment as an operator would.
 */
public final class Cluster implements AutoCloseable {

    public enum Kind {
        INGEST("ingest-service"), ROUTING("routing-service"), NOTIFIER("notifier-service");

        final String module;

        Kind(String module) {
            this.module = module;
        }
    }

    private static final String INFRA_MAIN = "io.tocsin.standalone.infra.Infra";

    private final Path repo;
    private final Path work;
    private final Path logs;
    private final HttpClient http;
    private final Map<String, String> sharedEnv;
    private final List<String> serviceJvm;
    private final int kafkaPort;
    private final int dbPort;
    private Process kafka;
    private Process postgres;
    private final Map<String, Node> nodes = new LinkedHashMap<>();

    /** One service instance: its name ("routing-1"), port and current process. */
    public final class Node {
        public final Kind kind;
        public final String name;
        public final int port;
        private final int managementPort;
        private Process process;
        private long startedNanos;

        Node(Kind kind, String name, int port, int managementPort) {
            this.kind = kind;
            this.name = name;
            this.port = port;
            this.managementPort = managementPort;
        }

        public String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        /** The actuator's address for a path: health and metrics are on the management port. */
        public String managementUrl(String path) {
            return "http://127.0.0.1:" + managementPort + path;
        }

        public synchronized void start() throws IOException {
            Map<String, String> env = new LinkedHashMap<>(sharedEnv);
            env.put("TOCSIN_" + kind.name() + "_PORT", String.valueOf(port));
            env.put("TOCSIN_" + kind.name() + "_MANAGEMENT_PORT", String.valueOf(managementPort));
            if (kind == Kind.NOTIFIER) {
                env.put("TOCSIN_PUBLIC_URL", url(""));
            }
            List<String> command = new ArrayList<>(List.of(java()));
            command.addAll(serviceJvm);
            command.addAll(List.of("-jar", execJar(kind).toString()));
            startedNanos = System.nanoTime();
            process = Cluster.this.start(command, env, name);
        }

        /** {@code kill -9}: no shutdown hook, no flush, no goodbye to Kafka or PostgreSQL. */
        public synchronized void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        /** SIGTERM: a graceful stop. */
        public synchronized void stop() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor();
                }
            }
        }

        /** Readiness probe 200: for routing and the notifier that includes their database. */
        public boolean ready() {
            return status(managementUrl("/actuator/health/readiness")) == 200;
        }

        /** Waits until ready; the seconds since this process was started. */
        public double awaitReady(Duration patience) throws InterruptedException {
            long deadline = System.nanoTime() + patience.toNanos();
            while (!ready()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + ": see "
                            + logs.resolve(name + ".log"));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " was not ready within " + patience + ": see "
                            + logs.resolve(name + ".log"));
                }
                Thread.sleep(200);
            }
            return (System.nanoTime() - startedNanos) / 1e9;
        }
    }

    /** {@code serviceJvm}: the services' JVM options (none: the JVM's defaults, as an operator would start them). */
    public Cluster(Path repo, Path work, Path logs, HttpClient http, Map<String, String> env, List<String> serviceJvm)
            throws IOException {
        this.repo = repo;
        this.serviceJvm = List.copyOf(serviceJvm);
        this.work = work;
        this.logs = logs;
        this.http = http;
        this.kafkaPort = freePort();
        this.dbPort = freePort();
        this.sharedEnv = new LinkedHashMap<>(env);
        sharedEnv.put("TOCSIN_KAFKA_BROKERS", "127.0.0.1:" + kafkaPort);
        sharedEnv.put("TOCSIN_DB_URL", "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres");
        sharedEnv.put("TOCSIN_DB_USER", "postgres");
        sharedEnv.put("TOCSIN_DB_PASSWORD", "");
        sharedEnv.put("TOCSIN_ADMIN_TOKEN", AdminApi.ADMIN_TOKEN);
        sharedEnv.put("TOCSIN_BIND_ADDRESS", "127.0.0.1");
    }

    /** Starts the broker and the database, then {@code instances} of each service; waits until all are ready. */
    public void startAll(int instances) throws IOException, InterruptedException {
        startKafka();
        startPostgres();
        addInstances(instances);
    }

    /** Starts more instances of each service until there are {@code instances} of each; waits until all are ready. */
    public void addInstances(int instances) throws IOException, InterruptedException {
        // routing first: it migrates its schema and creates the integrations topic ingest reads
        for (Kind kind : List.of(Kind.ROUTING, Kind.NOTIFIER, Kind.INGEST)) {
            for (int i = nodes(kind).size() + 1; i <= instances; i++) {
                Node node = new Node(kind, kind.name().toLowerCase(Locale.ROOT) + "-" + i, freePort(),
                        freePort());
                nodes.put(node.name, node);
                node.start();
            }
        }
        for (Node node : nodes.values()) {
            node.awaitReady(Duration.ofMinutes(5));
        }
    }

    public List<Node> nodes(Kind kind) {
        return nodes.values().stream().filter(n -> n.kind == kind).toList();
    }

    public Node first(Kind kind) {
        return nodes(kind).getFirst();
    }

    public void startKafka() throws IOException, InterruptedException {
        kafka = startInfra("kafka", work.resolve("kafka"), kafkaPort);
    }

    /** Stops the broker as SIGTERM does (a controlled shutdown), and waits for it. */
    public void stopKafka() throws InterruptedException {
        stopInfra(kafka);
    }

    public void startPostgres() throws IOException, InterruptedException {
        postgres = startInfra("postgres", work.resolve("postgres"), dbPort);
    }

    /** Stops PostgreSQL (fast shutdown: every session is cut), and waits for it. */
    public void stopPostgres() throws InterruptedException {
        stopInfra(postgres);
    }

    public String jdbcUrl() {
        return sharedEnv.get("TOCSIN_DB_URL");
    }

    /** Whether the broker, the database and every service instance are running. */
    public boolean alive() {
        return kafka.isAlive() && postgres.isAlive() && nodes.values().stream().allMatch(n -> n.process.isAlive());
    }

    /** Each service instance's JVM by name, the broker's JVM, and PostgreSQL's postmaster with its backends. */
    public Map<String, List<ProcessHandle>> processes() {
        Map<String, List<ProcessHandle>> processes = new LinkedHashMap<>();
        nodes.values().forEach(node -> processes.put(node.name, List.of(node.process.toHandle())));
        processes.put("kafka", List.of(kafka.toHandle()));
        processes.put("postgres", ProcStats.postgres(work.resolve("postgres")));
        return processes;
    }

    /** The HTTP status of a GET, or -1 without an answer. */
    public int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private Process startInfra(String what, Path dir, int port) throws IOException, InterruptedException {
        Path log = logs.resolve(what + ".log");
        long from = Files.exists(log) ? Files.size(log) : 0;
        Process process = start(List.of(java(), "-cp", repo.resolve("standalone/target/tocsin-standalone.jar")
                .toString(), INFRA_MAIN, what, dir.toString(), String.valueOf(port)), Map.of(), what);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!Files.readString(log).substring((int) from).contains("READY")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not start: see " + log);
            }
            Thread.sleep(100);
        }
        return process;
    }

    private static void stopInfra(Process process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    private Process start(List<String> command, Map<String, String> env, String name) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
        builder.environment().putAll(env);
        return builder.start();
    }

    private Path execJar(Kind kind) throws IOException {
        try (var jars = Files.list(repo.resolve(kind.module).resolve("target"))) {
            return jars.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + kind.module + "/target/*-exec.jar: build"
                            + " first (./mvnw -B -DskipTests package)"));
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() throws IOException {
        return TocsinProcess.freePorts(1)[0];
    }


    /** Services first (gracefully), then the broker and the database. */
    @Override
    public void close() throws InterruptedException {
        for (Node node : nodes.values()) {
            node.stop();
        }
        stopInfra(kafka);
        stopInfra(postgres);
    }
}
