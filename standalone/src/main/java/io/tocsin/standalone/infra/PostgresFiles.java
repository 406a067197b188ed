package io.tocsin.standalone.infra;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's files: zonky's working directory ({@code ${java.io.tmpdir}/embedded-pg}, binaries
 * unpacked once under an OS lock), deleting a tree, making a rename durable.
 */
final class PostgresFiles {

    private static final Logger log = LoggerFactory.getLogger(PostgresFiles.class);

    /** zonky's lock file, held (OS file lock) by the JVM that owns the directory, and while unpacking binaries. */
    static final String ZONKY_LOCK = "epg-lock";

    private PostgresFiles() {
    }

    /**
     * zonky unpacks the binaries into {@code PG-<digest>/} under an OS lock ({@code epg-lock}) and writes
     * {@code .exists} when done. If a JVM died while unpacking, the next unpack (zonky 2.2.2) keeps every file that
     * already exists as it is, so a file cut short by the kill would stay broken for good. Empty such a directory
     * when nobody is unpacking into it (its lock is free), so that zonky unpacks everything afresh.
     */
    static void removeIncompleteBinaryExtractions() {
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

    static void deleteRecursively(Path path) throws IOException {
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
    static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("Cannot fsync directory {}", dir, e);
        }
    }
}
