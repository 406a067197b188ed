package io.tocsin.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What Linux knows about a process (/proc) and about this machine, for the report. */
public final class ProcStats {

    private static final long CLOCK_TICKS = clockTicks();

    private ProcStats() {
    }

    /** utime + stime of a process, in seconds; 0 once it is gone. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // the command name in parentheses may hold spaces: count fields after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** PostgreSQL's postmaster and its backends: pg_ctl detaches the postmaster, the data directory's pid file names it. */
    static List<ProcessHandle> postgres(Path dataDir) {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().trim());
            return ProcessHandle.of(pid).stream().flatMap(p -> Stream.concat(Stream.of(p), p.descendants())).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** VmHWM of a process, in bytes; 0 once it is gone. */
    static long peakRssBytes(long pid) {
        return statusKb(pid, "VmHWM:") * 1024;
    }

    private static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** nproc, CPU model, memory, OS, JDK and load, as the report's first table shows them. */
    public static Map<String, String> machine() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("cpus (nproc)", String.valueOf(Runtime.getRuntime().availableProcessors()));
        machine.put("cpu model", command("lscpu").lines().filter(l -> l.startsWith("Model name:"))
                .map(l -> l.substring("Model name:".length()).trim()).findFirst().orElse("unknown"));
        machine.put("memory", statusLine("/proc/meminfo", "MemTotal:"));
        machine.put("os", osName());
        machine.put("jdk", System.getProperty("java.vm.vendor") + " " + Runtime.version());
        machine.put("load average at start", loadAverage());
        return machine;
    }

    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The repository's commit, with "+dirty" when the working tree has changes. */
    public static String gitCommit(Path repo) {
        String commit = command("git", "-C", repo.toString(), "rev-parse", "--short=12", "HEAD").trim();
        if (commit.isEmpty()) {
            return "unknown";
        }
        boolean dirty = !command("git", "-C", repo.toString(), "status", "--porcelain", "--untracked-files=no")
                .isBlank();
        return dirty ? commit + "+dirty" : commit;
    }

    private static String osName() {
        try {
            return Files.readAllLines(Path.of("/etc/os-release")).stream()
                    .filter(l -> l.startsWith("PRETTY_NAME="))
                    .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", ""))
                    .findFirst().orElse(System.getProperty("os.name")) + ", kernel " + System.getProperty("os.version");
        } catch (IOException e) {
            return System.getProperty("os.name") + " " + System.getProperty("os.version");
        }
    }

    private static String statusLine(String file, String field) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(field))
                    .map(l -> l.substring(field.length()).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long clockTicks() {
        try {
            return Long.parseLong(command("getconf", "CLK_TCK").trim());
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    /** A command's standard output, or "" if it could not run. */
    static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
