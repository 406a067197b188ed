package io.tocsin.standalone;

import io.tocsin.ingest.IngestApplication;
import io.tocsin.notifier.NotifierApplication;
import io.tocsin.routing.RoutingApplication;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The three services in one JVM against one broker and one database: the standalone launcher runs
 * them over its embedded infrastructure, the end-to-end tests over the test kit's.
 */
public final class TocsinServices implements AutoCloseable {

    private final ConfigurableApplicationContext routing;
    private final ConfigurableApplicationContext notifier;
    private final ConfigurableApplicationContext ingest;

    private TocsinServices(ConfigurableApplicationContext routing, ConfigurableApplicationContext notifier,
            ConfigurableApplicationContext ingest) {
        this.routing = routing;
        this.notifier = notifier;
        this.ingest = ingest;
    }

    /**
     * Where the services find Kafka and PostgreSQL, the clock they all read, and what else each one
     * is told (Spring properties as command-line arguments).
     */
    public record Wiring(String kafkaBrokers, String jdbcUrl, String dbUser, String dbPassword, Clock clock,
            List<String> common, List<String> routing, List<String> notifier, List<String> ingest) {
    }

    /** Starts routing (it owns the configuration ingest learns), then notifier, then ingest. */
    public static TocsinServices start(Wiring wiring) {
        List<String> shared = new ArrayList<>(List.of(
                "--spring.cloud.stream.kafka.binder.brokers=" + wiring.kafkaBrokers(),
                "--spring.datasource.url=" + wiring.jdbcUrl(),
                "--spring.datasource.username=" + wiring.dbUser(),
                "--spring.datasource.password=" + wiring.dbPassword(),
                "--spring.main.banner-mode=off"));
        shared.addAll(wiring.common());
        ConfigurableApplicationContext routing = run(RoutingApplication.builder(), wiring.clock(), shared,
                wiring.routing());
        ConfigurableApplicationContext notifier = null;
        try {
            notifier = run(NotifierApplication.builder(), wiring.clock(), shared, wiring.notifier());
            ConfigurableApplicationContext ingest = run(IngestApplication.builder(), wiring.clock(), shared,
                    wiring.ingest());
            return new TocsinServices(routing, notifier, ingest);
        } catch (RuntimeException e) {
            if (notifier != null) {
                notifier.close();
            }
            routing.close();
            throw e;
        }
    }

    private static ConfigurableApplicationContext run(SpringApplicationBuilder builder, Clock clock,
            List<String> shared, List<String> own) {
        List<String> args = new ArrayList<>(shared);
        args.addAll(own);
        // registered before the services' configuration is read, so their own system clock stands back
        return builder.initializers(context -> ((GenericApplicationContext) context)
                        .registerBean("clock", Clock.class, () -> clock))
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
    }

    public ConfigurableApplicationContext routing() {
        return routing;
    }

    public ConfigurableApplicationContext notifier() {
        return notifier;
    }

    public ConfigurableApplicationContext ingest() {
        return ingest;
    }

    public int ingestPort() {
        return port(ingest);
    }

    public int routingPort() {
        return port(routing);
    }

    public int notifierPort() {
        return port(notifier);
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** Stops ingest first (no new work), then routing and the notifier. */
    @Override
    public void close() {
        ingest.close();
        routing.close();
        notifier.close();
    }
}
