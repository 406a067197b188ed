package io.tocsin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/** With {@link SharedContextSecondIntegrationTest}: two test classes, one Spring context. */
@SpringBootTest(classes = SharedContextApplication.class)
@TocsinIntegrationTest
class SharedContextFirstIntegrationTest {

    @Autowired
    Environment environment;

    @Autowired
    ApplicationContext context;

    @Test
    @DisabledIfSystemProperty(named = "tocsin.test.infrastructure", matches = "containers")
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
    @EnabledIfSystemProperty(named = "tocsin.test.infrastructure", matches = "containers")
    void getsTheSharedKafkaContainerAsAServiceConnection() {
        // the binder still reads its own brokers setting; everything else derives from the @ServiceConnection bean
        assertThat(environment.getProperty("spring.cloud.stream.kafka.binder.brokers"))
                .isEqualTo(TestInfrastructure.kafkaBootstrapServers());
        assertThat(context.getBean(TestContainers.SharedKafka.class)).isSameAs(TestContainers.kafka());
        assertThat(environment.getProperty("spring.datasource.url")).isNull();
    }

    @Test
    void sharesItsContextWithOtherAnnotatedClasses() {
        assertThat(SharedContextApplication.contextsCreated).hasValue(1);
    }
}
