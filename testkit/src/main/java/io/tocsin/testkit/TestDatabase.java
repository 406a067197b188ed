package io.tocsin.testkit;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.containers.JdbcDatabaseContainer;

/** An empty PostgreSQL database for one test JVM, removed again when it is closed. */
final class TestDatabase implements AutoCloseable {

    private static final Pattern POSTGRES_URL = Pattern.compile("(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?");

    private final String url;
    private final String user;
    private final String password;
    private final Cleanup cleanup;

    private TestDatabase(String url, String user, String password, Cleanup cleanup) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.cleanup = cleanup;
    }

    /** On the server named by {@code TOCSIN_TEST_DB_URL} if set, else in an embedded PostgreSQL. */
    static TestDatabase start() {
        String serverUrl = System.getenv("TOCSIN_TEST_DB_URL");
        if (serverUrl == null || serverUrl.isBlank()) {
            return embedded();
        }
        return onServer(serverUrl, envOrDefault("TOCSIN_TEST_DB_USER", "postgres"),
                envOrDefault("TOCSIN_TEST_DB_PASSWORD", "postgres"));
    }

    /** The database of a PostgreSQL container, which is new for every test JVM; the container removes it. */
    static TestDatabase in(JdbcDatabaseContainer<?> container) {
        return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword(), () -> {
        });
    }

    static TestDatabase embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            return new TestDatabase(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", postgres::close);
        }
        catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not start an embedded PostgreSQL for the tests. Set TOCSIN_TEST_DB_URL "
                    + "(and TOCSIN_TEST_DB_USER, TOCSIN_TEST_DB_PASSWORD) to a PostgreSQL server on which the tests "
                    + "may create and drop databases, e.g. jdbc:postgresql://localhost:5432/postgres", e);
        }
    }

    /**
     * Creates a database of its own on the server, so that every test JVM starts empty, as with the embedded
     * server, and modules running one after another do not see each other's tables and migrations.
     */
    static TestDatabase onServer(String serverUrl, String user, String password) {
        Matcher url = POSTGRES_URL.matcher(serverUrl);
        if (!url.matches()) {
            throw new IllegalStateException("TOCSIN_TEST_DB_URL must look like jdbc:postgresql://host:port/database, was "
                    + serverUrl);
        }
        // An identifier cannot be a bind parameter; this one is made of a fixed prefix and hex digits only.
        String name = "tocsin_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try {
            execute(serverUrl, user, password, "CREATE DATABASE " + name);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Could not create a test database on TOCSIN_TEST_DB_URL=" + serverUrl
                    + " as user " + user + ": " + e.getMessage()
                    + " (the user needs CREATEDB; check TOCSIN_TEST_DB_USER and TOCSIN_TEST_DB_PASSWORD)", e);
        }
        String databaseUrl = url.group(1) + "/" + name + (url.group(3) == null ? "" : url.group(3));
        return new TestDatabase(databaseUrl, user, password,
                () -> execute(serverUrl, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    @Override
    public void close() throws Exception {
        cleanup.run();
    }

    private static void execute(String url, String user, String password, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String envOrDefault(String name, String defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }

    @FunctionalInterface
    private interface Cleanup {
        void run() throws Exception;
    }
}
