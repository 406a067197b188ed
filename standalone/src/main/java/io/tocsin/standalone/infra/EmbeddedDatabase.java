package io.tocsin.standalone.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL 15 (zonky binaries, run as a child process) whose cluster lives on disk in a directory of
 * ours, reused from one start to the next.
 *
 * <p>Durability: {@code fsync} and {@code synchronous_commit} are on (zonky turns {@code synchronous_commit} off by
 * default). It listens on 127.0.0.1 only and opens no Unix socket. Authentication is {@code trust} (zonky's initdb),
 * so any local user who can reach 127.0.0.1 can connect.
 *
 * <p>Unclean exits: PostgreSQL runs in its own process, so when this JVM is killed ({@code kill -9}, OOM killer) it
 * keeps running, holding the directory ({@code postmaster.pid}) and the port. {@link #start} takes the directory
 * back without help: a postmaster (or initdb) still working on this very directory whose owner is gone is stopped
 * (SIGINT, i.e. fast shutdown; SIGKILL after 10 s), and a {@code postmaster.pid} naming a dead or unrelated process
 * (PID reuse after a reboot) is deleted. Whether the owner is gone is read from zonky's {@code epg-lock}, an OS file
 * lock that the kernel drops when the owning JVM dies: a directory held by a live JVM is never touched, start fails.
 * A half-finished unpacking of the binaries (JVM killed during the very first start) is cleared as well.
 *
 * <p>The first start creates the cluster in a sibling staging directory ({@code .<name>.initdb}) and renames it into
 * place when complete, so a kill during initdb never leaves a half-made cluster behind.
 *
 * <p>No JVM shutdown hook is registered: whoever starts it closes it, after the services that use it.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private static final String LOOPBACK = "127.0.0.1";
    private static final String USERNAME = "postgres";
    /** Authentication is trust on loopback; the password is not checked. */
    private static final String PASSWORD = "";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    /** Instances of this JVM not yet closed, by data directory. */
    private static final Map<Path, EmbeddedDatabase> OPEN = new HashMap<>();

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final OptionalLong postmasterPid;
    private boolean closed;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir, OptionalLong postmasterPid) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.postmasterPid = postmasterPid;
    }

    /**
     * Starts PostgreSQL on the cluster in {@code dataDir}, creating the cluster (initdb) on first use.
     *
     * @param dataDir the cluster directory; it must not exist, be empty, or hold a cluster made here before
     * @param port    the port on 127.0.0.1, or 0 for a free one
     */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Path dir = dataDir.toAbsolutePath().normalize();
        if (dir.getParent() == null) {
            throw new IllegalArgumentException("The data directory cannot be the file system root");
        }
        synchronized (EmbeddedDatabase.class) {
            EmbeddedDatabase previous = OPEN.get(dir);
            if (previous != null) {
                log.info("Stopping the PostgreSQL for {} that this JVM started and never closed", dir);
                previous.close();
            }
            long startedAt = System.nanoTime();
            try {
                Files.createDirectories(dir.getParent());
                PostgresFiles.removeIncompleteBinaryExtractions();
                Path staging = dir.resolveSibling("." + dir.getFileName() + ".initdb");
                if (Files.exists(staging)) {
                    PostgresProcesses.reclaim(staging);
                    PostgresFiles.deleteRecursively(staging);
                }
                if (!Files.exists(dir.resolve("postgresql.conf"))) {
                    createCluster(dir, staging);
                }
                PostgresProcesses.reclaim(dir);
                EmbeddedPostgres postgres = builder(dir, port).start();
                EmbeddedDatabase database = new EmbeddedDatabase(postgres, dir, PostgresProcesses.readPid(dir.resolve(PostgresProcesses.PID_FILE)));
                OPEN.put(dir, database);
                log.info("PostgreSQL started on {}:{} with data in {} in {} ms",
                        LOOPBACK, postgres.getPort(), dir, (System.nanoTime() - startedAt) / 1_000_000);
                return database;
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start on " + dir, e);
            }
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/postgres} */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + LOOPBACK + ":" + postgres.getPort() + "/postgres";
    }

    public String username() {
        return USERNAME;
    }

    /** Empty: loopback connections are trusted. */
    public String password() {
        return PASSWORD;
    }

    /** Stops PostgreSQL (fast shutdown: a checkpoint, no crash recovery next time) and waits for it. Idempotent. */
    @Override
    public void close() {
        synchronized (EmbeddedDatabase.class) {
            if (closed) {
                return;
            }
            closed = true;
            OPEN.remove(dataDir, this);
            try {
                postgres.close(); // pg_ctl stop -m fast -t 5 -w; logs instead of throwing
            } catch (IOException e) {
                log.warn("Stopping PostgreSQL on {} failed", dataDir, e);
            }
            postmasterPid.ifPresent(pid -> {
                if (!PostgresProcesses.waitForExit(pid, CLOSE_WAIT)) {
                    log.warn("PostgreSQL (pid {}) on {} is still shutting down; the next start will take it over",
                            pid, dataDir);
                }
            });
        }
    }

    private static EmbeddedPostgres.Builder builder(Path dir, int port) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                // also covers crash recovery after a power cut; a start that fails outright takes this long too
                .setPGStartupWait(STARTUP_WAIT)
                .setServerConfig("listen_addresses", LOOPBACK)
                // no Unix socket: nothing in /tmp that could outlive us or clash with another server's port
                .setServerConfig("unix_socket_directories", "''")
                // zonky defaults synchronous_commit to off (commits acked before the WAL is on disk)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on");
    }

    // ---------------------------------------------------------------------------------------------------------
    // first start: initdb into a staging directory, rename into place

    private static void createCluster(Path dir, Path staging) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                if (children.findAny().isPresent()) {
                    throw new IllegalStateException(dir + " is not empty and holds no PostgreSQL cluster "
                            + "(no postgresql.conf); refusing to touch it");
                }
            }
            Files.delete(dir);
        }
        log.info("Creating a new PostgreSQL cluster in {}", dir);
        EmbeddedPostgres initial = builder(staging, 0).start();
        initial.close();
        OptionalLong stillRunning = PostgresProcesses.readPid(staging.resolve(PostgresProcesses.PID_FILE));
        if (stillRunning.isPresent() && !PostgresProcesses.waitForExit(stillRunning.getAsLong(), CLOSE_WAIT)) {
            throw new IllegalStateException("PostgreSQL did not stop after creating the cluster in " + staging);
        }
        Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        PostgresFiles.forceDirectory(dir.getParent());
    }
}
