package io.tocsin.standalone.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
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
    private static final String PID_FILE = "postmaster.pid";
    /** zonky's lock file, held (OS file lock) by the JVM that owns the directory, and while unpacking binaries. */
    private static final String ZONKY_LOCK = "epg-lock";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(10);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
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
                removeIncompleteBinaryExtractions();
                Path staging = dir.resolveSibling("." + dir.getFileName() + ".initdb");
                if (Files.exists(staging)) {
                    reclaim(staging);
                    deleteRecursively(staging);
                }
                if (!Files.exists(dir.resolve("postgresql.conf"))) {
                    createCluster(dir, staging);
                }
                reclaim(dir);
                EmbeddedPostgres postgres = builder(dir, port).start();
                EmbeddedDatabase database = new EmbeddedDatabase(postgres, dir, readPid(dir.resolve(PID_FILE)));
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
                if (!waitForExit(pid, CLOSE_WAIT)) {
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
        OptionalLong stillRunning = readPid(staging.resolve(PID_FILE));
        if (stillRunning.isPresent() && !waitForExit(stillRunning.getAsLong(), CLOSE_WAIT)) {
            throw new IllegalStateException("PostgreSQL did not stop after creating the cluster in " + staging);
        }
        Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(dir.getParent());
    }

    // ---------------------------------------------------------------------------------------------------------
    // taking a data directory back after an unclean exit

    /** Makes sure no leftover process or lock file of an earlier, dead owner stands in the way of starting. */
    static void reclaim(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        requireNoLiveOwner(dir);
        Set<Long> candidates = new TreeSet<>(processesWorkingOn(dir));
        readPid(dir.resolve(PID_FILE)).ifPresent(candidates::add);
        // an initdb first (it cleans up after itself on SIGINT), then the postmaster(s)
        List<Long> ordered = candidates.stream()
                .sorted(Comparator.comparing((Long pid) -> !programWorkingOn(pid, dir).orElse("").equals("initdb")))
                .toList();
        for (long pid : ordered) {
            Optional<String> program = programWorkingOn(pid, dir);
            if (program.isPresent()) {
                stopOrphan(pid, program.get(), dir);
            }
        }
        Path pidFile = dir.resolve(PID_FILE);
        if (Files.exists(pidFile)) {
            OptionalLong pid = readPid(pidFile);
            if (pid.isPresent() && isPostmasterFor(pid.getAsLong(), dir)) {
                throw new IllegalStateException("PostgreSQL (pid " + pid.getAsLong() + ") still serves " + dir);
            }
            Files.deleteIfExists(pidFile);
            log.info("Removed stale {} from {} (pid {} is {})", PID_FILE, dir,
                    pid.isPresent() ? pid.getAsLong() : "unreadable",
                    pid.isPresent() && isRunning(pid.getAsLong()) ? "an unrelated process" : "not running");
        }
    }

    /** The JVM that opened the directory holds an OS lock on zonky's lock file; the kernel drops it when it dies. */
    private static void requireNoLiveOwner(Path dir) throws IOException {
        Path lockFile = dir.resolve(ZONKY_LOCK);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException(dir + " is in use by another running process (it holds "
                        + lockFile + ")");
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException(dir + " is in use by another embedded PostgreSQL in this JVM", e);
        } catch (NoSuchFileException e) {
            // gone meanwhile: nobody holds it
        }
    }

    private static void stopOrphan(long pid, String program, Path dir) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return;
        }
        List<ProcessHandle> children = handle.get().descendants().toList();
        if (!signal(pid, "INT")) { // postmaster: fast shutdown (disconnect, checkpoint, exit); initdb: clean up, exit
            handle.get().destroy(); // SIGTERM = smart shutdown: its clients died with their JVM
        }
        boolean stopped = waitForExit(pid, ORPHAN_STOP_WAIT);
        if (!stopped) {
            log.warn("Orphaned {} (pid {}) on {} ignored a shutdown request for {} s; killing it",
                    program, pid, dir, ORPHAN_STOP_WAIT.toSeconds());
            children = Stream.concat(children.stream(), handle.get().descendants()).distinct().toList();
            handle.get().destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            stopped = waitForExit(pid, KILL_WAIT)
                    && children.stream().allMatch(child -> waitForExit(child.pid(), KILL_WAIT));
        }
        if (!stopped) {
            throw new IllegalStateException("Cannot stop the orphaned " + program + " (pid " + pid + ") on " + dir);
        }
        log.info("Stopped orphaned {} (pid {}) left running on {} by an earlier unclean exit", program, pid, dir);
    }

    private static boolean signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return kill.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Polls: the process is no child of ours, and its parent (init) may be slow to reap it or never reap it. */
    private static boolean waitForExit(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isRunning(pid);
            }
        }
        return true;
    }

    /** Alive and not a zombie. */
    static boolean isRunning(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (Files.isDirectory(Path.of("/proc", "self"))) {
            try {
                String content = Files.readString(stat, StandardCharsets.UTF_8);
                int afterName = content.lastIndexOf(')');
                char state = afterName >= 0 && afterName + 2 < content.length() ? content.charAt(afterName + 2) : '?';
                return state != 'Z' && state != 'X' && state != 'x';
            } catch (IOException e) {
                return false;
            }
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** A running {@code postgres} whose {@code -D} is this directory (a postmaster keeps its original argv). */
    static boolean isPostmasterFor(long pid, Path dir) {
        return programWorkingOn(pid, dir).filter("postgres"::equals).isPresent();
    }

    /**
     * {@code postgres} or {@code initdb} if the process runs and works on this directory ({@code -D dir}).
     * Backends are not matched: they rewrite their argv ({@code postgres: checkpointer}).
     */
    private static Optional<String> programWorkingOn(long pid, Path dir) {
        if (pid == ProcessHandle.current().pid() || !isRunning(pid)) {
            return Optional.empty();
        }
        List<String> argv = commandLine(pid);
        if (argv.isEmpty()) {
            return Optional.empty();
        }
        Path programPath = Path.of(argv.getFirst()).getFileName();
        String program = programPath == null ? "" : programPath.toString().replaceFirst("\\.exe$", "");
        if (!program.equals("postgres") && !program.equals("initdb")) {
            return Optional.empty();
        }
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            String value = arg.equals("-D") && i + 1 < argv.size() ? argv.get(i + 1)
                    : arg.startsWith("-D") && arg.length() > 2 ? arg.substring(2) : null;
            if (value != null && sameFile(Path.of(value), dir)) {
                return Optional.of(program);
            }
        }
        return Optional.empty();
    }

    private static Set<Long> processesWorkingOn(Path dir) {
        Set<Long> found = new TreeSet<>();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.mapToLong(ProcessHandle::pid)
                    .filter(pid -> programWorkingOn(pid, dir).isPresent())
                    .forEach(found::add);
        }
        return found;
    }

    private static List<String> commandLine(long pid) {
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        if (Files.isDirectory(Path.of("/proc", "self"))) {
            try {
                String raw = Files.readString(cmdline, StandardCharsets.UTF_8);
                List<String> argv = new ArrayList<>(List.of(raw.split("\0")));
                argv.removeIf(String::isEmpty);
                return argv;
            } catch (IOException e) {
                return List.of();
            }
        }
        return ProcessHandle.of(pid).map(ProcessHandle::info).map(info -> {
            List<String> argv = new ArrayList<>();
            info.command().ifPresent(argv::add);
            info.arguments().ifPresent(args -> argv.addAll(List.of(args)));
            return argv;
        }).orElse(List.of());
    }

    /** The first line of postmaster.pid is the postmaster's PID. */
    private static OptionalLong readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.getFirst().strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // zonky's working directory (${java.io.tmpdir}/embedded-pg): binaries unpacked once, guarded by an OS lock

    /**
     * zonky unpacks the binaries into {@code PG-<digest>/} under an OS lock ({@code epg-lock}) and writes
     * {@code .exists} when done. If a JVM died while unpacking, the next unpack (zonky 2.2.2) keeps every file that
     * already exists as it is, so a file cut short by the kill would stay broken for good. Empty such a directory
     * when nobody is unpacking into it (its lock is free), so that zonky unpacks everything afresh.
     */
    private static void removeIncompleteBinaryExtractions() {
        Path workingDir = Path.of(System.getProperty("ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
        if (!Files.isDirectory(workingDir)) {
            return;
        }
        try (Stream<Path> children = Files.list(workingDir)) {
            for (Path pgDir : children.filter(p -> p.getFileName().toString().startsWith("PG-")).toList()) {
                if (Files.isDirectory(pgDir) && !Files.exists(pgDir.resolve(".exists"))) {
                    clearIfUnlocked(pgDir);
                }
            }
        } catch (IOException e) {
            log.debug("Cannot inspect {}", workingDir, e);
        }
    }

    private static void clearIfUnlocked(Path pgDir) {
        Path lockFile = pgDir.resolve(ZONKY_LOCK);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null || Files.exists(pgDir.resolve(".exists"))) {
                return;
            }
            try (Stream<Path> children = Files.list(pgDir)) {
                for (Path child : children.filter(p -> !p.getFileName().toString().equals(ZONKY_LOCK)).toList()) {
                    deleteRecursively(child);
                }
            }
            log.info("Removed an incomplete unpacking of the PostgreSQL binaries in {}", pgDir);
        } catch (OverlappingFileLockException e) {
            // this JVM is unpacking there right now
        } catch (IOException e) {
            log.warn("Cannot clean the incomplete PostgreSQL binaries in {}", pgDir, e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Makes a rename in this directory durable (Linux allows fsync on a directory; elsewhere best effort). */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("Cannot fsync directory {}", dir, e);
        }
    }
}
