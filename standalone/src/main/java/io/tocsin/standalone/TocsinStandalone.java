package io.tocsin.standalone;

import io.tocsin.ingest.integration.IntegrationDirectory;
import io.tocsin.standalone.infra.EmbeddedDatabase;
import io.tocsin.standalone.infra.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar tocsin-standalone.jar}: a real Kafka broker and PostgreSQL in-process, data on
 * disk, and the three services. Configured by environment variables, documented in the README.
 */
public final class TocsinStandalone {

    private static final Logger log = LoggerFactory.getLogger(TocsinStandalone.class);
    private static final Duration INTEGRATIONS_PATIENCE = Duration.ofSeconds(30);

    private TocsinStandalone() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        Path dataDir = Path.of(env.getOrDefault("TOCSIN_DATA_DIR", "tocsin-data")).toAbsolutePath();
        Files.createDirectories(dataDir);
        int ingestPort = port(env, "TOCSIN_INGEST_PORT", 8080);
        int routingPort = port(env, "TOCSIN_ROUTING_PORT", 8081);
        int notifierPort = port(env, "TOCSIN_NOTIFIER_PORT", 8082);

        long started = System.nanoTime();
        // PostgreSQL (initdb on a first start) and Kafka (format, controller election) start side by side
        int dbPort = port(env, "TOCSIN_DB_PORT", 0);
        CompletableFuture<EmbeddedDatabase> startingDatabase = CompletableFuture.supplyAsync(
                () -> EmbeddedDatabase.start(dataDir.resolve("postgres"), dbPort),
                runnable -> Thread.ofPlatform().name("start-postgres").start(runnable));
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), port(env, "TOCSIN_KAFKA_PORT", 0));
        } catch (RuntimeException e) {
            startingDatabase.thenAccept(EmbeddedDatabase::close);
            throw e;
        }
        EmbeddedDatabase database;
        try {
            database = startingDatabase.join();
        } catch (CompletionException e) {
            broker.close();
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
        TocsinServices services;
        try {
            services = TocsinServices.start(new TocsinServices.Wiring(broker.bootstrapServers(), database.jdbcUrl(),
                    database.username(), database.password(), Clock.systemUTC(),
                    List.of("--spring.lifecycle.timeout-per-shutdown-phase=3s", "--spring.main.log-startup-info=false"),
                    // the admin API stays on this machine unless asked otherwise
                    List.of("--server.port=" + routingPort,
                            "--server.address=" + env.getOrDefault("TOCSIN_BIND_ADDRESS", "127.0.0.1"),
                            "--tocsin.demo.enabled=true",
                            "--tocsin.demo.ingest-url=http://localhost:" + ingestPort,
                            "--tocsin.demo.console-url=" + env.getOrDefault("TOCSIN_CONSOLE_URL",
                                    "http://localhost:" + routingPort)),
                    // pages link to the console this launcher serves, unless TOCSIN_CONSOLE_URL names another address
                    List.of("--server.port=" + notifierPort, "--tocsin.notifier.console-url="
                            + env.getOrDefault("TOCSIN_CONSOLE_URL", "http://localhost:" + routingPort)),
                    List.of("--server.port=" + ingestPort)));
        } catch (RuntimeException e) {
            broker.close();
            database.close();
            throw e;
        }
        // one hook, in order: the services let go of Kafka and PostgreSQL before those stop
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Tocsin stopping");
            services.close();
            broker.close();
            database.close();
            log.info("Tocsin stopped");
        }, "tocsin-shutdown"));
        // ingest answers 503 until it has read the integration keys routing published; "ready" is the word people and
        // scripts wait for, so it waits for that too (bounded: a slow read only makes the first webhooks retry)
        IntegrationDirectory integrations = services.ingest().getBean(IntegrationDirectory.class);
        long patience = System.nanoTime() + INTEGRATIONS_PATIENCE.toNanos();
        while (!integrations.readToTheEnd() && System.nanoTime() < patience) {
            Thread.sleep(50);
        }
        System.out.printf("""

                Tocsin is ready (started in %.1f s). Data: %s
                  ingest   http://localhost:%d   webhooks: POST /v2/enqueue
                  routing  http://localhost:%d   admin API: /api/v1/... (bearer token); web console: /ui
                  notifier http://localhost:%d   Twilio, Slack and email answers
                  health and metrics: http://localhost:%d/actuator, :%d/actuator, :%d/actuator (ingest, routing, notifier)
                  kafka    %s
                  postgres %s
                Stop with Ctrl-C.
                %n""", (System.nanoTime() - started) / 1e9, dataDir, services.ingestPort(), services.routingPort(),
                services.notifierPort(), TocsinServices.managementPort(services.ingest()),
                TocsinServices.managementPort(services.routing()), TocsinServices.managementPort(services.notifier()),
                broker.bootstrapServers(), database.jdbcUrl());
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'", e);
        }
    }
}
