package io.tocsin.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The metric names Tocsin's own alert rules and Grafana dashboard (deploy/) use, by the service that must expose
 * them, so that each service's test can check its /actuator/prometheus really has them.
 */
public final class MonitoredMetrics {

    private static final List<String> FILES = List.of("deploy/prometheus/tocsin-rules.yml", "deploy/grafana/tocsin.json");
    private static final Pattern NAME = Pattern.compile("\\b(?:tocsin_[a-z0-9_]+|spring_cloud_stream_[a-z0-9_]+)\\b");
    // a name no service owns fails every service's test: a rule on it could never fire
    private static final Map<String, List<String>> PREFIXES = Map.of(
            "ingest", List.of("tocsin_ingest_"),
            "routing", List.of("tocsin_incidents_", "tocsin_outbox_", "tocsin_escalation_", "tocsin_messages_",
                    "tocsin_alerts_", "spring_cloud_stream_binder_kafka_offset"),
            "notifier", List.of("tocsin_notifier_"));

    private MonitoredMetrics() {
    }

    /** The names the rules and dashboard use that {@code service} (ingest, routing, notifier) must expose. */
    public static Set<String> of(String service) {
        Set<String> all = usedNames();
        Set<String> unowned = all.stream()
                .filter(name -> PREFIXES.values().stream().flatMap(List::stream).noneMatch(name::startsWith))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!unowned.isEmpty()) {
            throw new IllegalStateException("No service is known to expose " + unowned + ": fix the name in " + FILES
                    + " or add its prefix to MonitoredMetrics");
        }
        return all.stream()
                .filter(name -> PREFIXES.get(service).stream().anyMatch(name::startsWith))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The sample names (the part before labels) a Prometheus text-format scrape of {@code endpoint} holds. */
    public static Set<String> scrape(URI endpoint) {
        HttpResponse<String> response = TestHttp.send(HttpRequest.newBuilder(endpoint).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(endpoint + " answered " + response.statusCode());
        }
        return response.body().lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> usedNames() {
        Path root = repositoryRoot();
        Set<String> names = new TreeSet<>();
        for (String file : FILES) {
            try {
                Matcher matcher = NAME.matcher(Files.readString(root.resolve(file)));
                while (matcher.find()) {
                    names.add(matcher.group());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    // tests run in the module's folder; deploy/ is at the top of the repository
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(FILES.getFirst()))) {
                return dir;
            }
        }
        throw new IllegalStateException("No " + FILES.getFirst() + " above " + Path.of("").toAbsolutePath());
    }
}
