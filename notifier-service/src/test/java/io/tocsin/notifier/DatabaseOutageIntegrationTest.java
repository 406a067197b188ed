package io.tocsin.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** While PostgreSQL is down the readiness probe answers DOWN within a probe's timeout instead of hanging. */
class DatabaseOutageIntegrationTest extends NotifierIntegrationTestBase {

    @Autowired
    DataSource dataSource;

    @Test
    void aHealthCheckGivesUpOnAnUnreachableDatabaseAfterFiveSecondsNotHikarisThirty() {
        // measured (scripts/faults.sh postgres): with Hikari's default the readiness probe answered after 30 s
        assertThat(dataSource).isInstanceOfSatisfying(HikariDataSource.class,
                pool -> assertThat(pool.getConnectionTimeout()).isEqualTo(5_000));
    }
}
