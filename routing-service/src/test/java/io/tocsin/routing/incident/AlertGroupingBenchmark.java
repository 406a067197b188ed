package io.tocsin.routing.incident;

import static io.tocsin.routing.AdminApi.ok;
import static io.tocsin.routing.OnCall.level;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.Topics;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.TestKafka;
import io.tocsin.testkit.TestKafka.Outgoing;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What grouping costs routing: the same burst of distinct alerts (20 clusters) applied by routing against its real
 * Kafka and PostgreSQL into a service grouping NONE (an incident and a page each), TIME (one incident) and CONTENT by
 * {@code labels.cluster} (20 incidents), in alerts per second from the burst's send (one producer batch) to its last
 * alert stored. Not a test
 * (surefire's default includes skip it); run it by hand, as docs/performance.md ("Alert grouping") says:
 * {@code ./mvnw -B -o -pl routing-service -am test -Dtest=AlertGroupingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@RoutingIntegrationTest
class AlertGroupingBenchmark {

    private static final int ALERTS = Integer.getInteger("tocsin.bench.alerts", 2_000);
    private static final int CLUSTERS = 20;

    @Autowired
    OnCall onCall;
    @Autowired
    AdminApi api;
    @Autowired
    JdbcClient jdbc;

    @Test
    void alertsPerSecondWithEachGrouping() throws Exception {
        User responder = onCall.responder("Bench");
        onCall.pages(responder, Channel.SMS, "+12015550199", Duration.ZERO);
        // warm-up: the JIT, the connection pool and the consumer's partitions, on a service of its own
        burst(service(responder, "{\"type\": \"NONE\"}"), ALERTS / 4);
        StringBuilder figures = new StringBuilder();
        for (String grouping : new String[] {"{\"type\": \"NONE\"}", "{\"type\": \"TIME\", \"window\": \"PT1H\"}",
                "{\"type\": \"CONTENT\", \"fields\": [\"labels.cluster\"], \"window\": \"PT1H\"}"}) {
            Service service = service(responder, grouping);
            long nanos = burst(service, ALERTS);
            long incidents = jdbc.sql("select count(*) from incident where service_id = :id")
                    .param("id", service.id()).query(Long.class).single();
            figures.append("%-90s %6d alerts in %6d ms = %7.0f alerts/s, %5d incidents%n".formatted(grouping, ALERTS,
                    nanos / 1_000_000, ALERTS * 1e9 / nanos, incidents));
        }
        System.out.println("AlertGroupingBenchmark\n" + figures);
    }

    private Service service(User responder, String grouping) throws Exception {
        Service service = onCall.service(onCall.policy(0, level(Duration.ofMinutes(10), responder)));
        ok(api.call("PUT", "/api/v1/services/" + service.id(), """
                {"name": "%s", "escalationPolicyId": "%s", "alertGrouping": %s}"""
                .formatted(service.name(), service.escalationPolicyId(), grouping)), 200);
        return service;
    }

    /** Sends the alerts and answers how long routing took to store them all, from the first send. */
    private long burst(Service service, int alerts) {
        List<Outgoing> burst = IntStream.range(0, alerts).mapToObj(i -> onCall.event(service, AlertAction.TRIGGER,
                        "alert-" + i, "Alert " + i + " of cluster " + i % CLUSTERS,
                        Map.of("labels", Map.of("cluster", "cluster-" + i % CLUSTERS, "alertname", "Alert" + i))))
                .map(alert -> new Outgoing(alert.key(), alert, Map.of())).toList();
        long start = System.nanoTime();
        TestKafka.sendTogether(Topics.ALERTS, burst);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() -> jdbc.sql(
                "select count(*) from alert where service_id = :id").param("id", service.id()).query(Long.class)
                .single() == alerts);
        return System.nanoTime() - start;
    }
}
