package io.tocsin.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Tocsin as separate processes on loopback, as an operator runs it: one Kafka broker and one PostgreSQL (each in a
 * JVM of its own), and one instance of each service from its {@code *-exec.jar} with the JVM's default options.
 */
final class TocsinCluster extends Tocsin {

    private final Cluster cluster;

    private TocsinCluster(Cluster cluster, HttpClient http, long startedNanos) {
        super(http, startedNanos);
        this.cluster = cluster;
    }

    /** Starts the broker, the database and the services one after the other; returns once all are ready. */
    static TocsinCluster start(Path repo, Path work, Path logs, Map<String, String> benchEnv, HttpClient http)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        Cluster cluster = new Cluster(repo, work, logs, http, benchEnv, List.of());
        try {
            cluster.startAll(1);
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return new TocsinCluster(cluster, http, started);
    }

    @Override
    String ingestUrl(String path) {
        return cluster.first(Cluster.Kind.INGEST).url(path);
    }

    @Override
    String routingUrl(String path) {
        return cluster.first(Cluster.Kind.ROUTING).url(path);
    }

    @Override
    String ingestManagementUrl(String path) {
        return cluster.first(Cluster.Kind.INGEST).managementUrl(path);
    }

    @Override
    String jdbcUrl() {
        return cluster.jdbcUrl();
    }

    @Override
    boolean alive() {
        return cluster.alive();
    }

    @Override
    String mode() {
        return "separate processes";
    }

    @Override
    Map<String, List<ProcessHandle>> processes() {
        return cluster.processes();
    }

    @Override
    public void close() throws InterruptedException {
        cluster.close();
    }
}
