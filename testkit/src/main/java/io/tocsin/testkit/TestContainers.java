package io.tocsin.testkit;

import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka and PostgreSQL in Docker for the {@code containers} Maven profile ({@code ./mvnw -Pcontainers verify}),
 * in place of the in-process broker and embedded database: started once per test JVM, handed to every test
 * context through {@link ServiceConnection}, stopped when the JVM exits.
 */
final class TestContainers {

    /** Set by the {@code containers} profile; anything else keeps the in-process broker and embedded database. */
    static final boolean ENABLED = "containers".equals(System.getProperty("tocsin.test.infrastructure"));

    private static final String KAFKA_IMAGE = System.getProperty("tocsin.test.kafka-image", "apache/kafka:4.1.2");
    private static final String POSTGRES_IMAGE = System.getProperty("tocsin.test.postgres-image", "postgres:17-alpine");

    /** Testcontainers' default minute is too short for a broker starting on a busy 2-core machine. */
    private static final Duration STARTUP_PATIENCE = Duration.ofMinutes(4);

    private static SharedKafka kafka;
    private static SharedPostgres postgres;

    private TestContainers() {
    }

    static synchronized SharedKafka kafka() {
        if (kafka == null) {
            requireDocker();
            kafka = new SharedKafka(DockerImageName.parse(KAFKA_IMAGE).asCompatibleSubstituteFor("apache/kafka"));
            // as many partitions as the in-process broker has, so tests of several instances spread work alike
            kafka.withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(TestInfrastructure.PARTITIONS))
                    .withStartupTimeout(STARTUP_PATIENCE);
            kafka.start();
        }
        return kafka;
    }

    static synchronized SharedPostgres postgres() {
        if (postgres == null) {
            requireDocker();
            postgres = new SharedPostgres(DockerImageName.parse(POSTGRES_IMAGE).asCompatibleSubstituteFor("postgres"));
            postgres.withStartupTimeout(STARTUP_PATIENCE);
            postgres.start();
        }
        return postgres;
    }

    static synchronized void stop() {
        if (kafka != null) {
            kafka.terminate();
        }
        if (postgres != null) {
            postgres.terminate();
        }
    }

    private static void requireDocker() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("The containers profile (-Pcontainers) runs the tests against Kafka and "
                    + "PostgreSQL in Docker, and no Docker engine answered (DOCKER_HOST or /var/run/docker.sock). Start "
                    + "one, or run the tests without -Pcontainers: they then use an in-process broker and an embedded "
                    + "PostgreSQL.");
        }
    }

    /** The containers as beans, so Spring Boot derives the Kafka and JDBC connection details from them. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Connections {

        @Bean
        @ServiceConnection
        SharedKafka tocsinTestKafka() {
            return kafka();
        }

        /** Only where the service has a database (ingest has none, and no JDBC to connect with). */
        @Bean
        @ServiceConnection
        @ConditionalOnClass(name = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
        SharedPostgres tocsinTestPostgres() {
            return postgres();
        }
    }

    /**
     * Spring stops a container bean when its context closes; these outlive every context of the JVM, so only
     * {@link #terminate()} (from the shutdown hook, after the contexts) stops them. Stopping the broker under a
     * context still open would make its consumers wait out their close timeout.
     */
    static final class SharedKafka extends KafkaContainer {

        SharedKafka(DockerImageName image) {
            super(image);
        }

        @Override
        public void stop() {
        }

        void terminate() {
            super.stop();
        }
    }

    /** See {@link SharedKafka}. */
    static final class SharedPostgres extends PostgreSQLContainer {

        SharedPostgres(DockerImageName image) {
            super(image);
        }

        @Override
        public void stop() {
        }

        void terminate() {
            super.stop();
        }
    }
}
