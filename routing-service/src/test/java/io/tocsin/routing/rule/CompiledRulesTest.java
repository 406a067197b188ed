package io.tocsin.routing.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.rule.CompiledRules.Evaluation;
import io.tocsin.routing.rule.EventRule.Actions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Event rules compiled and applied to alerts, without a database: the CEL side of routing by content. */
class CompiledRulesTest {

    private static final UUID OWN_SERVICE = UUID.randomUUID();
    private static final UUID DATABASES = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");

    @Test
    void aRuleThatHoldsRoutesTheAlertAndSetsItsUrgencyAndOneThatDoesNotLeavesItAlone() {
        CompiledRules rules = CompiledRules.compile(List.of(
                rule("alert.labels.team == 'db' && alert.severity in ['critical', 'error']",
                        new Actions(DATABASES, Urgency.HIGH, null, null, null, null), false)));

        Evaluation routed = rules.evaluate(alert(AlertAction.TRIGGER, "Replica lag", Map.of("team", "db")));
        Evaluation unmatched = rules.evaluate(alert(AlertAction.TRIGGER, "Replica lag", Map.of("team", "web")));

        assertThat(routed.matched()).containsExactly(1);
        assertThat(routed.ruled().alert().serviceId()).isEqualTo(DATABASES);
        assertThat(routed.ruled().urgency()).isEqualTo(Urgency.HIGH);
        assertThat(unmatched.matched()).isEmpty();
        assertThat(unmatched.ruled().alert().serviceId()).isEqualTo(OWN_SERVICE);
        assertThat(unmatched.ruled().urgency()).isNull();
    }

    @Test
    void theFirstRuleThatHoldsEndsTheListUnlessItSaysContinue() {
        List<EventRule> given = List.of(
                rule("alert.summary.matches('(?i)disk .* 9[0-9]%')",
                        new Actions(null, Urgency.LOW, null, null, null, null), false),
                rule("alert.source.startsWith('db-')", new Actions(DATABASES, null, Severity.WARNING, null, null,
                        null), false));
        AlertEvent diskOnDb = alert(AlertAction.TRIGGER, "Disk /var at 95%", Map.of());

        Evaluation firstOnly = CompiledRules.compile(given).evaluate(diskOnDb);
        Evaluation both = CompiledRules.compile(List.of(new EventRule(given.get(0).when(), given.get(0).then(), true),
                given.get(1))).evaluate(diskOnDb);

        assertThat(firstOnly.matched()).containsExactly(1);
        assertThat(firstOnly.ruled().alert().serviceId()).isEqualTo(OWN_SERVICE);
        assertThat(firstOnly.ruled().urgency()).isEqualTo(Urgency.LOW);
        assertThat(both.matched()).containsExactly(1, 2);
        assertThat(both.ruled().alert().serviceId()).isEqualTo(DATABASES);
        assertThat(both.ruled().alert().severity()).isEqualTo(Severity.WARNING);
        assertThat(both.ruled().urgency()).isEqualTo(Urgency.LOW);
    }

    @Test
    void aResolveIsRoutedAndKeyedAsItsTriggerButNotSuppressedOrDropped() {
        CompiledRules rules = CompiledRules.compile(List.of(
                rule("alert.labels.cluster == 'eu-1'", new Actions(DATABASES, null, null, true,
                        "alert.labels.cluster + '/' + alert.labels.alertname", null), true),
                rule("alert.labels.alertname == 'Noise'", new Actions(null, null, null, null, null, true), false)));
        Map<String, Object> labels = Map.of("cluster", "eu-1", "alertname", "DiskFull");

        Evaluation trigger = rules.evaluate(alert(AlertAction.TRIGGER, "Disk full", labels));
        Evaluation resolve = rules.evaluate(alert(AlertAction.RESOLVE, null, labels));
        Evaluation noise = rules.evaluate(alert(AlertAction.TRIGGER, "Noise", Map.of("alertname", "Noise")));
        Evaluation noiseResolved = rules.evaluate(alert(AlertAction.RESOLVE, null, Map.of("alertname", "Noise")));

        assertThat(trigger.ruled().alert().dedupKey()).isEqualTo("eu-1/DiskFull");
        assertThat(trigger.ruled().suppressedBy()).isEqualTo("event rule 1");
        assertThat(resolve.ruled().alert().dedupKey()).isEqualTo("eu-1/DiskFull");
        assertThat(resolve.ruled().alert().serviceId()).isEqualTo(DATABASES);
        assertThat(resolve.ruled().suppressedBy()).isNull();
        assertThat(noise.dropped()).isTrue();
        assertThat(noiseResolved.dropped()).isFalse();
    }

    @Test
    void aConditionThatCannotBeEvaluatedDoesNotHoldAndSaysWhy() {
        CompiledRules rules = CompiledRules.compile(List.of(
                rule("alert.labels.team == 'db'", new Actions(DATABASES, null, null, null, null, null), false),
                rule("has(alert.labels.team) && alert.labels.team == 'db'",
                        new Actions(null, Urgency.LOW, null, null, null, null), false)));

        Evaluation withoutTeam = rules.evaluate(alert(AlertAction.TRIGGER, "No team", Map.of()));

        assertThat(withoutTeam.matched()).isEmpty();
        assertThat(withoutTeam.ruled().alert().serviceId()).isEqualTo(OWN_SERVICE);
        assertThat(withoutTeam.errors()).singleElement().asString().startsWith("event rule 1 'when':")
                .contains("team");
    }

    @Test
    void matchesFindsThePatternAnywhereAndABadPatternBuiltFromTheAlertDoesNotHold() {
        CompiledRules rules = CompiledRules.compile(List.of(
                rule("alert.summary.matches('disk') && matches(alert.summary, '9[0-9]%$')",
                        new Actions(null, Urgency.LOW, null, null, null, null), false),
                rule("alert.summary.matches(alert.source)", new Actions(DATABASES, null, null, null, null, null),
                        false)));

        Evaluation disk = rules.evaluate(alert(AlertAction.TRIGGER, "Low disk space: 97%", Map.of()));
        Evaluation again = rules.evaluate(alert(AlertAction.TRIGGER, "Low disk space: 98%", Map.of()));
        Evaluation badPattern = rules.evaluate(new AlertEvent(UUID.randomUUID(), AlertEvent.SCHEMA_VERSION,
                AlertAction.TRIGGER, OWN_SERVICE, UUID.randomUUID(), "GENERIC", "k", "Anything", Severity.ERROR,
                "db-(", Map.of(), "{}", NOW, NOW));

        assertThat(disk.matched()).containsExactly(1);
        assertThat(again.matched()).containsExactly(1);
        assertThat(badPattern.matched()).isEmpty();
        assertThat(badPattern.errors()).singleElement().asString().startsWith("event rule 2 'when':");
    }

    @Test
    void anExpressionPastTheIterationLimitStopsAndDoesNotHold() {
        // 3 × 40 × 40 iterations, more than the limit of 1000 per evaluation
        String forty = "[" + String.join(",", java.util.Collections.nCopies(40, "1")) + "]";
        CompiledRules rules = CompiledRules.compile(List.of(rule("[1, 2, 3].map(x, " + forty + ".map(y, " + forty
                + ".map(z, z))).size() > 0", new Actions(DATABASES, null, null, null, null, null), false)));

        Evaluation evaluation = rules.evaluate(alert(AlertAction.TRIGGER, "Anything", Map.of()));

        assertThat(evaluation.matched()).isEmpty();
        assertThat(evaluation.errors()).singleElement().asString().contains("Iteration budget exceeded");
    }

    @Test
    void aBadExpressionIsRefusedNamingTheRuleTheErrorAndItsPosition() {
        assertThatThrownBy(() -> CompiledRules.compile(List.of(
                rule("alert.source == 'a'", new Actions(null, Urgency.LOW, null, null, null, null), false),
                rule("alert.sumary == 'x'", new Actions(null, Urgency.LOW, null, null, null, null), false))))
                .isInstanceOf(InvalidRequest.class)
                .hasMessage("rule 2 'when' (alert.sumary == 'x'): undefined field 'sumary' at line 1, column 6");
        assertThatThrownBy(() -> CompiledRules.compile(List.of(rule("alert.summary == ",
                new Actions(null, Urgency.LOW, null, null, null, null), false))))
                .hasMessageStartingWith("rule 1 'when' (alert.summary == ): mismatched input '<EOF>'")
                .hasMessageEndingWith("at line 1, column 18");
        assertThatThrownBy(() -> CompiledRules.compile(List.of(rule("alert.summary",
                new Actions(null, Urgency.LOW, null, null, null, null), false))))
                .hasMessageContaining("expected type 'bool' but found 'string'");
        assertThatThrownBy(() -> CompiledRules.compile(List.of(rule("alert.summary.matches('(')",
                new Actions(null, Urgency.LOW, null, null, null, null), false))))
                .hasMessageStartingWith("rule 1 'when' (alert.summary.matches('(')): Regex validation failed");
        assertThatThrownBy(() -> CompiledRules.compile(List.of(rule("true",
                new Actions(null, null, null, null, "alert.labels.size()", null), false))))
                .hasMessageStartingWith("rule 1 'then.dedupKey' (alert.labels.size()): expected type 'string'");
    }

    @Test
    void aRuleWithoutAnActionOrWithDropAndMoreIsRefused() {
        assertThatThrownBy(() -> CompiledRules.compile(List.of(rule("true",
                new Actions(null, null, null, false, null, null), false))))
                .hasMessageStartingWith("rule 1: 'then' must give at least one action");
        assertThatThrownBy(() -> CompiledRules.compile(List.of(rule("true",
                new Actions(DATABASES, null, null, null, null, true), false))))
                .hasMessage("rule 1: 'drop' leaves nothing for other actions to change: give it alone");
    }

    private static EventRule rule(String when, Actions then, boolean continues) {
        return new EventRule(when, then, continues);
    }

    private static AlertEvent alert(AlertAction action, String summary, Map<String, Object> labels) {
        return new AlertEvent(UUID.randomUUID(), AlertEvent.SCHEMA_VERSION, action, OWN_SERVICE, UUID.randomUUID(),
                "ALERTMANAGER", "fingerprint-1", summary, Severity.CRITICAL, "db-7:9100",
                Map.of("labels", labels, "annotations", Map.of()), "{}", NOW, NOW);
    }
}
