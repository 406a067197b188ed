package io.tocsin.routing.rule;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.Program;
import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.SecretHash;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.StorableText;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.api.InvalidRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An integration's event rules, compiled once (when saved, or when a routing instance first meets their revision) and
 * evaluated per alert. A condition that fails to evaluate (a label the alert lacks, the iteration limit) does not hold;
 * the failure is reported, never thrown, so a rule cannot keep an alert from becoming an incident.
 */
final class CompiledRules {

    static final int MAX_RULES = 100;
    /** As ingest bounds a monitor's key: a longer built key is replaced by its hash. */
    private static final int MAX_DEDUP_KEY = 255;

    static final CompiledRules NONE = new CompiledRules(List.of());

    private record Compiled(EventRule rule, Program condition, Program key) {
    }

    /**
     * What the rules made of one alert: {@code ruled} is null when a rule dropped it; {@code matched} the numbers
     * (from 1) of the rules that held; {@code errors} what failed to evaluate, rule by rule.
     */
    record Evaluation(RuledAlert ruled, List<Integer> matched, List<String> errors) {

        boolean dropped() {
            return ruled == null;
        }
    }

    private final List<Compiled> rules;

    private CompiledRules(List<Compiled> rules) {
        this.rules = rules;
    }

    /** Checks and compiles the rules; a 400 naming the rule, the field and what is wrong with it if one is not right. */
    static CompiledRules compile(List<EventRule> rules) {
        checkCount(rules.size());
        List<Compiled> compiled = new ArrayList<>(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            String rule = "rule " + (i + 1);
            EventRule given = rules.get(i);
            if (given == null) {
                throw new InvalidRequest(rule + " is null: give an object with 'when' and 'then'");
            }
            if (given.when() == null || given.when().isBlank()) {
                throw new InvalidRequest(rule + ": 'when' must be a CEL expression, e.g. \"alert.source == 'db-1'\"");
            }
            EventRule.Actions then = given.then();
            if (then == null || (then.routeTo() == null && then.urgency() == null && then.severity() == null
                    && !then.suppresses() && then.dedupKey() == null && !then.drops())) {
                throw new InvalidRequest(rule + ": 'then' must give at least one action: routeTo, urgency, severity,"
                        + " suppress, dedupKey or drop");
            }
            if (then.drops() && (then.routeTo() != null || then.urgency() != null || then.severity() != null
                    || then.suppresses() || then.dedupKey() != null)) {
                throw new InvalidRequest(rule + ": 'drop' leaves nothing for other actions to change: give it alone");
            }
            if (then.dedupKey() != null && then.dedupKey().isBlank()) {
                throw new InvalidRequest(rule + ": 'then.dedupKey' must be a CEL expression of type string, e.g."
                        + " \"alert.labels.cluster + '/' + alert.labels.alertname\", or left out");
            }
            compiled.add(new Compiled(given, Expressions.condition(given.when(), rule + " 'when'"),
                    then.dedupKey() == null ? null : Expressions.key(then.dedupKey(), rule + " 'then.dedupKey'")));
        }
        return new CompiledRules(List.copyOf(compiled));
    }

    /** A 400 unless an integration may have so many rules. */
    static void checkCount(int count) {
        if (count > MAX_RULES) {
            throw new InvalidRequest("An integration has at most " + MAX_RULES + " event rules, not " + count);
        }
    }

    /** The rules as they were given, in order. */
    List<EventRule> rules() {
        return rules.stream().map(Compiled::rule).toList();
    }

    /**
     * Applies the rules to the alert. Every action routes as its trigger did ({@code routeTo}, {@code dedupKey},
     * {@code severity}), so an acknowledge or resolve finds the incident its trigger opened; urgency, suppress and
     * drop only matter to a trigger. A heartbeat ping is its integration's own business: no rule applies to it.
     */
    Evaluation evaluate(AlertEvent alert) {
        if (rules.isEmpty() || alert.action() == AlertAction.HEARTBEAT) {
            return new Evaluation(RuledAlert.asSent(alert), List.of(), List.of());
        }
        Map<String, Object> variables = Expressions.variables(alert);
        boolean trigger = alert.action() == AlertAction.TRIGGER;
        UUID serviceId = alert.serviceId();
        String dedupKey = alert.dedupKey();
        Severity severity = alert.severity();
        Urgency urgency = null;
        String suppressedBy = null;
        boolean dropped = false;
        List<Integer> matched = new ArrayList<>(2);
        List<String> errors = new ArrayList<>(0);
        for (int i = 0; i < rules.size(); i++) {
            Compiled rule = rules.get(i);
            String name = "event rule " + (i + 1);
            try {
                if (!Boolean.TRUE.equals(rule.condition().eval(variables))) {
                    continue;
                }
            } catch (CelEvaluationException | RuntimeException failed) {
                errors.add(name + " 'when': " + failed.getMessage());
                continue;
            }
            matched.add(i + 1);
            EventRule.Actions then = rule.rule().then();
            if (then.routeTo() != null) {
                serviceId = then.routeTo();
            }
            if (rule.key() != null) {
                try {
                    dedupKey = key(rule.key().eval(variables), dedupKey);
                } catch (CelEvaluationException | RuntimeException failed) {
                    errors.add(name + " 'then.dedupKey': " + failed.getMessage() + "; the alert keeps its dedup key");
                }
            }
            if (then.severity() != null) {
                severity = then.severity();
            }
            if (trigger) {
                urgency = then.urgency() != null ? then.urgency() : urgency;
                suppressedBy = then.suppresses() ? name : suppressedBy;
                dropped = dropped || then.drops();
            }
            if (!rule.rule().triesNext()) {
                break;
            }
        }
        if (dropped) {
            return new Evaluation(null, matched, errors);
        }
        AlertEvent ruled = matched.isEmpty() ? alert : new AlertEvent(alert.id(), alert.schemaVersion(),
                alert.action(), serviceId, alert.integrationId(), alert.integrationType(), dedupKey, alert.summary(),
                severity, alert.source(), alert.details(), alert.rawPayload(), alert.occurredAt(), alert.receivedAt());
        return new Evaluation(new RuledAlert(ruled, urgency, suppressedBy), matched, errors);
    }

    /** A built key as routing stores keys: an empty one keeps the alert's own, a long one becomes its hash. */
    private static String key(Object built, String own) {
        String key = StorableText.of(String.valueOf(built));
        if (key.isBlank()) {
            return own;
        }
        return key.length() <= MAX_DEDUP_KEY ? key : "sha256:" + SecretHash.of(key);
    }
}
