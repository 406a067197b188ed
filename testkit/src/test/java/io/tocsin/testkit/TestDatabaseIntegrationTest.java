package io.tocsin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

/** The TOCSIN_TEST_DB_URL path, against an embedded PostgreSQL standing in for a shared server. */
class TestDatabaseIntegrationTest {

    @Test
    void createsAnOwnDatabaseOnTheServerAndDropsItOnClose() throws Exception {
        try (TestDatabase server = TestDatabase.embedded()) {
            String name;
            try (TestDatabase database = TestDatabase.onServer(server.url(), server.user(), server.password())) {
                try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                        Statement statement = connection.createStatement();
                        ResultSet result = statement.executeQuery("SELECT current_database()")) {
                    result.next();
                    name = result.getString(1);
                }
                assertThat(name).startsWith("tocsin_test_");
                assertThat(databaseExists(server, name)).isTrue();
            }
            assertThat(databaseExists(server, name)).isFalse();
        }
    }

    @Test
    void explainsWhatToSetWhenTheServerRefuses() {
        assertThatThrownBy(() -> TestDatabase.onServer("jdbc:postgresql://127.0.0.1:1/postgres", "postgres", "postgres"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TOCSIN_TEST_DB_URL");
    }

    private static boolean databaseExists(TestDatabase server, String name) throws Exception {
        try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
                PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }
}
