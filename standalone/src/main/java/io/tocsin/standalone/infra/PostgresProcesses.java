package io.tocsin.standalone.infra;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL processes of a data directory, as {@code /proc} shows them: after an unclean exit of the JVM that
 * started them, a postmaster (or initdb) still working on the directory is stopped and a stale
 * {@code postmaster.pid} removed, so that {@link EmbeddedDatabase#start} can take the directory back.
 */
final class PostgresProcesses {

    private static final Logger log = LoggerFactory.getLogger(PostgresProcesses.class);

    static final String PID_FILE = "postmaster.pid";
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(10);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private PostgresProcesses() {
    }

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
        Path lockFile = dir.resolve(PostgresFiles.ZONKY_LOCK);
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
    static boolean waitForExit(long pid, Duration timeout) {
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
    static OptionalLong readPid(Path pidFile) {
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
}
