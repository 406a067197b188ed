package io.tocsin.testkit;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The Kafka broker and PostgreSQL database shared by all tests of one JVM: each starts on first use and both
 * stop when the JVM exits. In-process by default; in Docker with the {@code containers} profile ({@link TestContainers}).
 */
public final class TestInfrastructure {

    static final int PARTITIONS = 4;

    private static EmbeddedKafkaKraftBroker kafka;
    private static TestDatabase database;
    private static final Set<ConfigurableApplicationContext> contexts = Collections.newSetFromMap(new WeakHashMap<>());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::stop, "tocsin-test-infrastructure-stop"));
    }

    private TestInfrastructure() {
    }

    public static synchronized String kafkaBootstrapServers() {
        if (TestContainers.ENABLED) {
            return TestContainers.kafka().getBootstrapServers();
        }
        if (kafka == null) {
            kafka = startKafka();
        }
        return kafka.getBrokersAsString();
    }

    public static String jdbcUrl() {
        return database().url();
    }

    public static String dbUser() {
        return database().user();
    }

    public static String dbPassword() {
        return database().password();
    }

    /** Closes the context before the broker stops, see {@link #stop()}. */
    static synchronized void closeBeforeShutdown(ConfigurableApplicationContext context) {
        contexts.add(context);
    }

    private static synchronized TestDatabase database() {
        if (database == null) {
            database = TestContainers.ENABLED ? TestDatabase.in(TestContainers.postgres()) : TestDatabase.start();
        }
        return database;
    }

    private static EmbeddedKafkaKraftBroker startKafka() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.brokerProperty("auto.create.topics.enable", "true");
        // The defaults (3) cannot be met by a single broker, and transactional producers would hang.
        broker.brokerProperty("transaction.state.log.replication.factor", "1");
        broker.brokerProperty("transaction.state.log.min.isr", "1");
        // The broker publishes its address as a system property; the default name, spring.kafka.bootstrap-servers,
        // would reach every Spring context in the JVM, including ones that never asked for Kafka.
        broker.brokerListProperty("tocsin.test.kafka.bootstrap-servers");
        broker.afterPropertiesSet();
        return broker;
    }

    /**
     * Spring contexts first: their Kafka consumers would otherwise wait out the session timeout against a
     * stopped broker. Spring's own shutdown hooks may be closing them concurrently; close() waits for those.
     */
    private static void stop() {
        List<ConfigurableApplicationContext> openContexts;
        EmbeddedKafkaKraftBroker broker;
        TestDatabase db;
        synchronized (TestInfrastructure.class) {
            openContexts = List.copyOf(contexts);
            broker = kafka;
            db = database;
        }
        openContexts.forEach(ConfigurableApplicationContext::close);
        TestContainers.stop();
        try {
            if (broker != null) {
                broker.destroy();
            }
        }
        finally {
            if (db != null) {
                try {
                    db.close();
                }
                catch (Exception e) {
                    throw new IllegalStateException("Could not stop the test database", e);
                }
            }
        }
    }
}
