package io.tocsin.standalone.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link EmbeddedDatabaseTest}: starts the database, writes a row, prints
 * {@code READY <postmaster pid>} and waits to be killed with SIGKILL, which leaves postgres orphaned.
 */
public final class OrphaningDatabaseMain {

    private OrphaningDatabaseMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0);
        EmbeddedDatabaseTest.update(db, "CREATE TABLE incident (id int PRIMARY KEY, title text)");
        EmbeddedDatabaseTest.update(db, "INSERT INTO incident VALUES (7, 'written by the child')");
        String pid = Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().strip();
        System.out.println("READY " + pid);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
