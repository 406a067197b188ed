package io.tocsin.bench.faults;

import io.tocsin.bench.AdminApi;
import io.tocsin.bench.Benchmark;
import io.tocsin.bench.Cluster;
import io.tocsin.bench.Load;
import io.tocsin.bench.ProcStats;
import io.tocsin.bench.TocsinProcess;
import io.tocsin.testkit.FakeTwilio;
import io.tocsin.testkit.FakeVonage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code scripts/faults.sh [kill] [kafka] [postgres] [provider] [carrier] [two]}: Tocsin as separate processes on loopback,
 * put through the faults of issue 10 one after the other, each ending in a ledger (events accepted, incidents
 * created, pages due, pages sent, duplicates, lost). Exits 1 when a ledger or a check does not hold.
 */
public final class Faults {

    /** Fewer compiler and GC threads: six JVMs share a 2-core machine, and each restart should be quick. */
    private static final List<String> FAST_RESTARTS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xmx512m");

    static final List<String> SCENARIOS = List.of("kill", "kafka", "postgres", "provider", "carrier",
            "two");
    private static final String USAGE = "scripts/faults.sh [--kills=20] [--repo=DIR] [" + String.join("] [", SCENARIOS)
            + "]   (no scenario: all of them, in this order)";

    private Faults() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(".");
        int kills = 20;
        List<String> chosen = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--repo=")) {
                repo = Path.of(arg.substring("--repo=".length()));
            } else if (arg.startsWith("--kills=")) {
                kills = Integer.parseInt(arg.substring("--kills=".length()));
            } else if (SCENARIOS.contains(arg)) {
                chosen.add(arg);
            } else {
                System.err.println("unknown argument '" + arg + "': " + USAGE);
                System.exit(2);
            }
        }
        if (chosen.isEmpty()) {
            chosen.addAll(SCENARIOS);
        }
        repo = repo.toAbsolutePath().normalize();
        Path out = repo.resolve("bench/results/faults-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Path logs = Files.createDirectories(out.resolve("logs"));
        Path work = Files.createTempDirectory("tocsin-faults-");
        Map<String, String> machine = ProcStats.machine();
        machine.put("tocsin commit", ProcStats.gitCommit(repo));
        Map<String, Scenarios.Outcome> outcomes = new LinkedHashMap<>();
        String failure = null;
        Load load = new Load(256);
        try (FakeTwilio twilio = new FakeTwilio(); FakeVonage vonage = new FakeVonage();
                Pages pages = new Pages(twilio, vonage);
                Cluster cluster = new Cluster(repo, work, logs, load.client(), environment(twilio, vonage),
                        FAST_RESTARTS)) {
            Scenarios.step("starting Kafka, PostgreSQL, routing, notifier and ingest as processes (logs: %s)", logs);
            cluster.startAll(1);
            Scenarios scenarios = new Scenarios(cluster, new AdminApi(cluster.first(Cluster.Kind.ROUTING).url(""),
                    load.client()), load, twilio, vonage, pages);
            scenarios.setUpResponders();
            for (String name : chosen) {
                Scenarios.step("scenario %s", name);
                Scenarios.Outcome outcome = switch (name) {
                    case "kill" -> scenarios.kill(kills);
                    case "kafka" -> scenarios.kafka(Duration.ofSeconds(30));
                    case "postgres" -> scenarios.postgres(Duration.ofSeconds(60));
                    case "provider" -> scenarios.provider(Duration.ofSeconds(60));
                    case "carrier" -> scenarios.carrier(Duration.ofSeconds(60));
                    case "two" -> scenarios.twoInstances(Duration.ofSeconds(60));
                    default -> throw new IllegalArgumentException(name);
                };
                outcomes.put(name, outcome);
                System.out.println(report(Map.of(name, outcome)));
            }
        } catch (Exception e) {
            failure = e.toString();
            e.printStackTrace();
        } finally {
            TocsinProcess.deleteTree(work);
        }
        machine.put("load average at end", ProcStats.loadAverage());
        String report = machineTable(machine) + "\n" + report(outcomes)
                + (failure == null ? "" : "\nThe run stopped early: " + failure + "\n");
        Files.writeString(out.resolve("ledgers.md"), report);
        System.out.println(report);
        System.out.println("Report: " + out.resolve("ledgers.md"));
        boolean holds = failure == null && outcomes.size() == chosen.size()
                && outcomes.values().stream().allMatch(Scenarios.Outcome::holds);
        System.exit(holds ? 0 : 1);
    }

    /**
     * What every service process gets besides its ports, Kafka and PostgreSQL: Twilio at the fake, no throttling (two
     * responders get every page), a webhook receiver on loopback allowed, and shorter notifier timings so that a
     * scenario takes minutes: retries after 5–10 s until 45 s after the first attempt, and a 60 s sending lease (above
     * the Twilio SDK's 30.5 s read timeout plus its 10 s connect timeout, so a slow send is never taken for lost).
     * Vonage is configured too, but only numbers of {@link Scenarios#CARRIER_PREFIX} go to it, after Twilio.
     */
    private static Map<String, String> environment(FakeTwilio twilio, FakeVonage vonage) {
        Map<String, String> env = new LinkedHashMap<>(Benchmark.environment(twilio));
        env.put("TOCSIN_WEBHOOK_SECRET", "faults-webhook-secret");
        env.put("TOCSIN_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
        env.put("TOCSIN_RETRY_INITIAL_BACKOFF", "PT5S");
        env.put("TOCSIN_RETRY_MAX_BACKOFF", "PT10S");
        env.put("TOCSIN_RETRY_DEADLINE", "PT45S");
        env.put("TOCSIN_RETRY_SENDING_LEASE", "PT" + Scenarios.SENDING_LEASE.toSeconds() + "S");
        env.put("TOCSIN_VONAGE_API_KEY", vonage.apiKey());
        env.put("TOCSIN_VONAGE_API_SECRET", vonage.apiSecret());
        env.put("TOCSIN_VONAGE_FROM", "+15550008888");
        env.put("TOCSIN_VONAGE_SIGNATURE_SECRET", vonage.signatureSecret());
        env.put("TOCSIN_VONAGE_BASE_URL", vonage.baseUrl());
        env.put("TOCSIN_SMS_PROVIDERS", "twilio");
        env.put("TOCSIN_SMS_ROUTES", Scenarios.CARRIER_PREFIX + ":twilio,vonage");
        // the fakes send no delivery receipts: a receipt timeout would fail every SMS over once more
        env.put("TOCSIN_FAILOVER_RECEIPT_TIMEOUT", "PT1H");
        env.put("TOCSIN_PROVIDER_BREAKER_OPEN_FOR", "PT" + Scenarios.BREAKER_OPEN_FOR.toSeconds() + "S");
        return env;
    }

    private static String machineTable(Map<String, String> machine) {
        StringBuilder table = new StringBuilder("| machine | |\n| --- | --- |\n");
        machine.forEach((k, v) -> table.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        return table.toString();
    }

    static String report(Map<String, Scenarios.Outcome> outcomes) {
        StringBuilder report = new StringBuilder(Ledger.header()).append('\n');
        outcomes.values().forEach(o -> report.append(o.ledger().row()).append('\n'));
        outcomes.forEach((name, o) -> {
            report.append(String.format(Locale.ROOT, "%n%s (%.1f min, load average %s before, %s after):%n",
                    o.ledger().scenario(), o.minutes(), o.loadBefore(), o.loadAfter()));
            o.checks().forEach(c -> report.append("- ").append(c).append('\n'));
            o.ledger().missing().stream().limit(20).forEach(m -> report.append("- missing: ").append(m).append('\n'));
        });
        return report.toString();
    }
}
