package io.tocsin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/** With {@link SharedContextSecondIntegrationTest}: two test classes, one Spring context. */
@SpringBootTest(classes = SharedContextApplication.class)
@TocsinIntegrationTest
class SharedContextFirstIntegrationTest {

    @Autowired
    Environment environment;

    @Test
    void getsTheSharedBrokerAndDatabase() {
        assertThat(environment.getProperty("spring.cloud.stream.kafka.binder.brokers"))
                .isEqualTo(TestInfrastructure.kafkaBootstrapServers());
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo(TestInfrastructure.kafkaBootstrapServers());
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo(TestInfrastructure.jdbcUrl());
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo(TestInfrastructure.dbUser());
        assertThat(environment.getProperty("spring.datasource.password")).isEqualTo(TestInfrastructure.dbPassword());
    }

    @Test
    void sharesItsContextWithOtherAnnotatedClasses() {
        assertThat(SharedContextApplication.contextsCreated).hasValue(1);
    }
}
