package io.tocsin.routing.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class PagingHealthTest {

    @Test
    void anUnreachableDatabaseIsDownWithTheReasonNotAnError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        JdbcClient unreachable = JdbcClient.create(
                new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:" + closedPort + "/routing", "postgres", ""));

        Health health = new PagingHealth(unreachable, Clock.systemUTC(), new SelfCheckProperties(Duration.ofMinutes(2)))
                .health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("database")).asString().startsWith("unreachable: no escalation step fires");
    }
}
