package io.tocsin.standalone.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path tmp;

    @Test
    void rowCommittedBeforeCloseIsThereAfterRestart() throws Exception {
        Path dataDir = tmp.resolve("pg");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            assertThat(db.jdbcUrl()).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/postgres");
            assertThat(db.username()).isEqualTo("postgres");
            update(db, "CREATE TABLE incident (id int PRIMARY KEY, title text)");
            update(db, "INSERT INTO incident VALUES (1, 'disk full on db-3')");
            assertThat(query(db, "SHOW synchronous_commit")).containsExactly("on");
            assertThat(query(db, "SHOW fsync")).containsExactly("on");
            assertThat(query(db, "SHOW listen_addresses")).containsExactly("127.0.0.1");
            assertThat(query(db, "SHOW unix_socket_directories")).containsExactly("");
            assertThat(query(db, "SHOW server_version")).singleElement().asString().startsWith("15.");
        }
        assertThat(dataDir.resolve("postgresql.conf")).exists();
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
        assertThat(dataDir.resolveSibling(".pg.initdb")).doesNotExist();

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            assertThat(query(db, "SELECT title FROM incident WHERE id = 1")).containsExactly("disk full on db-3");
        }
    }

    @Test
    void orphanedPostgresOfAKilledJvmIsStoppedAndTheDataIsThere() throws Exception {
        Path dataDir = tmp.resolve("pg");
        Path output = tmp.resolve("child.log");
        Process child = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                OrphaningDatabaseMain.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        long orphanPid;
        try {
            await().atMost(Duration.ofSeconds(30))
                    .failFast(() -> !child.isAlive())
                    .until(() -> readyLine(output) != null);
            orphanPid = Long.parseLong(readyLine(output).substring("READY ".length()).strip());
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close()
            child.waitFor();
        }
        try {
            assertThat(PostgresProcesses.isPostmasterFor(orphanPid, dataDir))
                    .as("postgres outlived the killed JVM").isTrue();

            try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
                assertThat(PostgresProcesses.isRunning(orphanPid)).isFalse();
                assertThat(query(db, "SELECT title FROM incident WHERE id = 7"))
                        .containsExactly("written by the child");
            }
        } finally {
            if (PostgresProcesses.isPostmasterFor(orphanPid, dataDir)) { // the test failed: leave no server behind
                ProcessHandle.of(orphanPid).ifPresent(ProcessHandle::destroy);
            }
        }
    }

    @Test
    void instanceNeverClosedInThisJvmIsTakenOver() throws Exception {
        Path dataDir = tmp.resolve("pg");
        EmbeddedDatabase abandoned = EmbeddedDatabase.start(dataDir, 0);
        update(abandoned, "CREATE TABLE incident (id int PRIMARY KEY, title text)");
        update(abandoned, "INSERT INTO incident VALUES (2, 'abandoned')");

        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
            assertThat(query(db, "SELECT title FROM incident WHERE id = 2")).containsExactly("abandoned");
        } finally {
            abandoned.close();
        }
    }

    @Test
    void stalePidFilesOfDeadOrUnrelatedProcessesAreRemoved() throws Exception {
        Path dataDir = tmp.resolve("pg");
        EmbeddedDatabase.start(dataDir, 0).close();

        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        long unrelatedAlive = ProcessHandle.current().pid(); // PID reuse after a reboot: alive, not postgres
        for (long pid : List.of(finished.pid(), unrelatedAlive)) {
            Files.writeString(dataDir.resolve("postmaster.pid"), pid + "\n" + dataDir + "\n1700000000\n5432\n\n\n");
            try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, 0)) {
                assertThat(query(db, "SELECT 1")).containsExactly("1");
            }
        }
    }

    private static String readyLine(Path output) throws Exception {
        if (!Files.exists(output)) {
            return null;
        }
        return Files.readAllLines(output).stream().filter(l -> l.startsWith("READY ")).findFirst().orElse(null);
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static void update(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    static List<String> query(EmbeddedDatabase db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
