package io.tocsin.routing.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.testkit.MutableClock;
import io.tocsin.testkit.TestHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An outside monitor polling /actuator/health/paging learns when routing's pages stop reaching Kafka. */
@RoutingIntegrationTest
class PagingHealthIntegrationTest {

    // OutboxRelay's advisory lock: whoever holds it is the one relay, so holding it here stops publishing
    private static final long RELAY_LOCK = 0x70C5_0B0AL;

    @LocalManagementPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    @Test
    void pagingIsDownWhileAMessageWaitsForKafkaLongerThanTheMaxDelay() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> status() == 200);

        try (Connection relay = dataSource.getConnection(); Statement lock = relay.createStatement()) {
            lock.execute("select pg_advisory_lock(" + RELAY_LOCK + ")");
            long id = jdbc.sql("""
                            insert into outbox (binding, message_key, payload, created_at)
                            values ('incidents-out', 'self-check', '{}', :createdAt) returning id
                            """)
                    .param("createdAt", OffsetDateTime.ofInstant(clock.instant().minus(Duration.ofMinutes(3)), ZoneOffset.UTC))
                    .query(Long.class)
                    .single();
            try {
                assertThat(status()).isEqualTo(503);
            } finally {
                jdbc.sql("delete from outbox where id = :id").param("id", id).update();
                lock.execute("select pg_advisory_unlock(" + RELAY_LOCK + ")");
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> status() == 200);
    }

    @Test
    void whileTheDatabaseIsDownHealthGivesUpOnItAfterFiveSecondsNotHikarisThirty() {
        // measured (scripts/faults.sh postgres): with Hikari's default readiness and paging answered after 30 s
        assertThat(dataSource).isInstanceOfSatisfying(HikariDataSource.class,
                pool -> assertThat(pool.getConnectionTimeout()).isEqualTo(5_000));
    }

    private int status() {
        return TestHttp.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/paging"))
                .build()).statusCode();
    }
}
