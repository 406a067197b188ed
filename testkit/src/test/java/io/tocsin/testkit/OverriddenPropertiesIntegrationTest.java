package io.tocsin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

@SpringBootTest(properties = "spring.datasource.username=reporting")
@TocsinIntegrationTest
// the containers profile hands the database over as a connection, not as these properties
@DisabledIfSystemProperty(named = "tocsin.test.infrastructure", matches = "containers")
class OverriddenPropertiesIntegrationTest {

    @SpringBootConfiguration
    static class Application {
    }

    @Autowired
    Environment environment;

    @Test
    void aTestsOwnPropertiesWinOverTheSharedOnes() {
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("reporting");
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo(TestInfrastructure.jdbcUrl());
    }
}
