package io.tocsin.standalone;

import io.tocsin.ingest.IngestApplication;
import io.tocsin.notifier.NotifierApplication;
import io.tocsin.routing.RoutingApplication;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
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

    /**
     * Starts the three side by side: they share nothing but Kafka and PostgreSQL (separate schemas), and most of a
     * start is waiting (Flyway, topic creation, joining consumer groups), so together they are ready in about the
     * time of the slowest. Only their first step is taken one after the other: each Spring Boot application sets up
     * the JVM-wide logging, and doing that at the same time leaves it with duplicate appenders. Ingest answers 503
     * "still loading" until it has read the integrations routing publishes.
     */
    public static TocsinServices start(Wiring wiring) {
        List<String> shared = new ArrayList<>(List.of(
                "--spring.cloud.stream.kafka.binder.brokers=" + wiring.kafkaBrokers(),
                "--spring.datasource.url=" + wiring.jdbcUrl(),
                "--spring.datasource.username=" + wiring.dbUser(),
                "--spring.datasource.password=" + wiring.dbPassword(),
                "--spring.main.banner-mode=off"));
        shared.addAll(wiring.common());
        Clock clock = wiring.clock();
        List<Starting> starting = new ArrayList<>();
        try {
            starting.add(startAsync("routing", RoutingApplication.builder(), clock, shared, wiring.routing()));
            starting.add(startAsync("notifier", NotifierApplication.builder(), clock, shared, wiring.notifier()));
            starting.add(startAsync("ingest", IngestApplication.builder(), clock, shared, wiring.ingest()));
            return new TocsinServices(starting.get(0).context().join(), starting.get(1).context().join(),
                    starting.get(2).context().join());
        } catch (CompletionException e) {
            // the others may have started, or still be starting: wait for each and close what came up
            for (Starting service : starting.reversed()) {
                try {
                    service.context().join().close();
                } catch (CompletionException alsoFailed) {
                    if (alsoFailed.getCause() != e.getCause()) {
                        e.addSuppressed(alsoFailed.getCause());
                    }
                }
            }
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /** A service's start under way: {@code context} once it runs, having passed {@code pastLogging} before. */
    private record Starting(CompletableFuture<Void> pastLogging,
            CompletableFuture<ConfigurableApplicationContext> context) {
    }

    /** Starts the service on a thread of its own and returns once it has set up logging (or failed). */
    private static Starting startAsync(String name, SpringApplicationBuilder builder, Clock clock, List<String> shared,
            List<String> own) {
        Starting starting = new Starting(new CompletableFuture<>(), new CompletableFuture<>());
        builder.listeners(event -> {
            if (event instanceof ApplicationPreparedEvent) {
                starting.pastLogging().complete(null);
            }
        });
        Thread.ofPlatform().name("start-" + name).start(() -> {
            try {
                starting.context().complete(run(builder, clock, shared, own));
            } catch (Throwable e) {
                starting.context().completeExceptionally(e);
            }
        });
        CompletableFuture.anyOf(starting.pastLogging(), starting.context()).join();
        return starting;
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

    /** The port of the service's actuator (health, metrics, Prometheus), apart from its own. */
    public static int managementPort(ConfigurableApplicationContext service) {
        return service.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
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
