package io.tocsin.routing.rule;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.rule.CompiledRules.Evaluation;
import io.tocsin.routing.rule.EventRule.Actions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What event rules cost routing per alert: an integration with 20 rules of the kinds the README shows (labels,
 * severity lists, regular expressions, prefixes, a built dedup key) against one without rules, for an Alertmanager
 * alert with 8 labels. "none holds" evaluates all 20 conditions, the worst case. Not a test (surefire does not pick
 * it up); docs/performance.md ("Event rules") says how to run it and what it measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventRulesBenchmark {

    private CompiledRules none;
    private CompiledRules twenty;
    private AlertEvent[] unmatched;
    private AlertEvent[] matchedByTheLast;
    private int next;

    @Setup
    public void setUp() {
        UUID elsewhere = UUID.randomUUID();
        List<EventRule> rules = new ArrayList<>();
        for (int team = 0; team < 5; team++) {
            rules.add(new EventRule("alert.labels.team == 'team-" + team + "' && alert.severity in ['critical', 'error']",
                    new Actions(elsewhere, Urgency.HIGH, null, null, null, null), null));
            rules.add(new EventRule("alert.summary.matches('(?i)disk .* 9[0-9]% on team-" + team + "')",
                    new Actions(null, Urgency.LOW, null, null, null, null), null));
            rules.add(new EventRule("alert.source.startsWith('canary-" + team + "-')",
                    new Actions(null, null, null, true, null, null), null));
            rules.add(new EventRule("has(alert.labels.cluster) && alert.labels.cluster == 'cluster-" + team + "'",
                    new Actions(null, null, Severity.WARNING, null,
                            "alert.labels.cluster + '/' + alert.labels.alertname", null), null));
        }
        rules.set(19, new EventRule("alert.labels.alertname == 'LastRuleHolds'",
                new Actions(elsewhere, null, null, null, "alert.labels.instance + '/' + alert.labels.alertname", null),
                null));
        none = CompiledRules.compile(List.of());
        twenty = CompiledRules.compile(rules);
        unmatched = IntStream.range(0, 64).mapToObj(n -> alert(n, "HighLatency")).toArray(AlertEvent[]::new);
        matchedByTheLast = IntStream.range(0, 64).mapToObj(n -> alert(n, "LastRuleHolds")).toArray(AlertEvent[]::new);
    }

    private static AlertEvent alert(int n, String alertname) {
        Instant now = Instant.parse("2026-12-05T09:00:00Z");
        Map<String, Object> labels = Map.of("alertname", alertname, "team", "team-" + (n % 7 + 5), "instance",
                "host-" + n + ":9100", "job", "node", "env", "prod", "region", "eu-1", "service", "checkout",
                "severity", "critical");
        return new AlertEvent(UUID.randomUUID(), AlertEvent.SCHEMA_VERSION, AlertAction.TRIGGER, UUID.randomUUID(),
                UUID.randomUUID(), "ALERTMANAGER", "fingerprint-" + n, alertname + " on host-" + n, Severity.CRITICAL,
                "host-" + n + ":9100", Map.of("labels", labels, "annotations", Map.of("summary", "p99 above 2 s"),
                        "startsAt", "2026-12-05T08:59:00Z"), "{}", now, now);
    }

    private int nextIndex() {
        next = (next + 1) & 63;
        return next;
    }

    @Benchmark
    public Evaluation noRules() {
        return none.evaluate(unmatched[nextIndex()]);
    }

    @Benchmark
    public Evaluation twentyRulesNoneHolds() {
        return twenty.evaluate(unmatched[nextIndex()]);
    }

    @Benchmark
    public Evaluation twentyRulesTheLastHoldsAndBuildsTheKey() {
        return twenty.evaluate(matchedByTheLast[nextIndex()]);
    }
}
