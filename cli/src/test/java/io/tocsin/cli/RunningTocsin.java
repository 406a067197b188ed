package io.tocsin.cli;

import io.tocsin.cli.api.AdminApi;
import io.tocsin.routing.RoutingApplication;
import io.tocsin.testkit.TestInfrastructure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Tocsin of its own: a routing service on the JVM's shared broker and PostgreSQL, in a schema of its own, so that a
 * test can have one with a setup and another that starts empty. Each is started once per JVM and closed when all
 * tests ran (before the shared broker stops); register this class as an extension to use them.
 */
public final class RunningTocsin implements BeforeAllCallback {

    private static final String TOKEN = "cli-test-admin-token";

    private static final Map<String, Instance> RUNNING = new ConcurrentHashMap<>();

    /** A started routing service and what the command line needs to reach it. */
    public record Instance(ConfigurableApplicationContext context, String url) {

        /** Its admin API, as a script with an admin token calls it. */
        public AdminApi api() {
            return new AdminApi(url, TOKEN);
        }

        /** Runs {@code tocsin ARGS --url … --token …} against this Tocsin; see {@link RunningTocsin#tocsin}. */
        public String run(int expectedExit, String... args) {
            String[] all = new String[args.length + 4];
            System.arraycopy(args, 0, all, 0, args.length);
            System.arraycopy(new String[] {"--url", url, "--token", TOKEN}, 0, all, args.length, 4);
            return tocsin(expectedExit, all);
        }
    }

    /** Runs {@code tocsin ARGS}, answering what it printed (out, then err); fails the test on another exit code. */
    public static String tocsin(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Tocsin.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        if (exit != expectedExit) {
            throw new AssertionError("tocsin " + String.join(" ", args) + " exited " + exit + ", not " + expectedExit
                    + "\nout:\n" + out + "\nerr:\n" + err);
        }
        return out + err.toString();
    }

    /** The Tocsin called {@code name} in this JVM, started on first use with an empty schema. */
    public static Instance named(String name) {
        return RUNNING.computeIfAbsent(name, RunningTocsin::start);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // the root store closes its resources after the last test, while the shared broker still runs
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(RunningTocsin.class.getName(), key -> (AutoCloseable) RunningTocsin::closeAll);
    }

    private static void closeAll() {
        RUNNING.values().forEach(instance -> instance.context().close());
        RUNNING.clear();
    }

    private static Instance start(String name) {
        String schema = "cli_" + name + "_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        // as arguments: they win over routing.yml, as a deployment's environment would
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RoutingApplication.class).run(
                "--spring.config.name=routing",
                "--server.port=0",
                "--management.server.port=0",
                "--tocsin.admin-token=" + TOKEN,
                "--spring.datasource.url=" + TestInfrastructure.jdbcUrl(),
                "--spring.datasource.username=" + TestInfrastructure.dbUser(),
                "--spring.datasource.password=" + TestInfrastructure.dbPassword(),
                "--spring.datasource.hikari.schema=" + schema,
                "--spring.flyway.schemas=" + schema,
                "--spring.cloud.stream.kafka.binder.brokers=" + TestInfrastructure.kafkaBootstrapServers());
        return new Instance(context, "http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }
}
