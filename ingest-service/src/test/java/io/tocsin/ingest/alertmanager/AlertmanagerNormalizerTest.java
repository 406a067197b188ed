package io.tocsin.ingest.alertmanager;

import static io.tocsin.ingest.intake.Fixtures.RECEIVED_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.IntegrationSettings;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.Severity;
import io.tocsin.ingest.intake.Alert;
import io.tocsin.ingest.intake.Fixtures;
import io.tocsin.ingest.intake.InvalidPayload;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertmanagerNormalizerTest {

    private final AlertmanagerNormalizer normalizer = new AlertmanagerNormalizer();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            firing-two-alerts.json       | TRIGGER TRIGGER | c5b8a1f2e4d3b6a7 09f7e6d5c4b3a291 | Instance db-1:9100 down            | CRITICAL
            one-resolved.json            | RESOLVE TRIGGER | c5b8a1f2e4d3b6a7 09f7e6d5c4b3a291 | Instance db-1:9100 down            | CRITICAL
            resolved-no-fingerprint.json | RESOLVE         | (made up, see below)              | Checkout p99 latency above 2s      | WARNING
            """)
    void eachAlertIsItsOwnEventDedupedByFingerprint(String fixture, String actions, String dedupKeys, String summary,
            Severity severity) {
        List<Alert> alerts = normalize(fixture, Map.of());

        assertThat(alerts).extracting(alert -> alert.action().name()).containsExactly(actions.split(" "));
        if (!dedupKeys.startsWith("(")) {
            assertThat(alerts).extracting(Alert::dedupKey).containsExactly(dedupKeys.split(" "));
        }
        assertThat(alerts.getFirst().summary()).isEqualTo(summary);
        assertThat(alerts.getFirst().severity()).isEqualTo(severity);
    }

    @Test
    void anAlertWithoutSummaryIsNamedByAlertnameAndInstance() {
        Alert second = normalize("firing-two-alerts.json", Map.of()).get(1);

        assertThat(second.summary()).isEqualTo("InstanceDown on db-2:9100");
        assertThat(second.source()).isEqualTo("db-2:9100");
        assertThat(second.occurredAt()).isEqualTo(Instant.parse("2026-01-31T13:41:00Z"));
        assertThat(second.details()).containsKeys("labels", "annotations", "generatorURL", "receiver", "groupKey");
    }

    @Test
    void aResolvedAlertHappenedWhenItEnded() {
        Alert resolved = normalize("one-resolved.json", Map.of()).getFirst();

        assertThat(resolved.occurredAt()).isEqualTo(Instant.parse("2026-01-31T13:55:00Z"));
    }

    @Test
    void aFiringAlertWithoutEndHappenedWhenItStarted() {
        Alert firing = normalize("firing-two-alerts.json", Map.of()).getFirst();

        assertThat(firing.occurredAt()).isEqualTo(Instant.parse("2026-01-31T13:40:00Z"));
    }

    @Test
    void fingerprintsMadeUpForOldSendersAreStable() {
        String first = normalize("resolved-no-fingerprint.json", Map.of()).getFirst().dedupKey();
        String again = normalize("resolved-no-fingerprint.json", Map.of()).getFirst().dedupKey();

        assertThat(first).hasSize(16).isEqualTo(again);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            firing-two-alerts.json       | TRIGGER | [FIRING:2] InstanceDown
            one-resolved.json            | TRIGGER | [FIRING:1] InstanceDown
            resolved-no-fingerprint.json | RESOLVE | Checkout p99 latency above 2s
            """)
    void groupDedupMakesOneIncidentPerGroupKey(String fixture, AlertAction action, String summary) {
        List<Alert> alerts = normalize(fixture, Map.of(IntegrationSettings.ALERTMANAGER_DEDUP, "group"));

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.action()).isEqualTo(action);
            assertThat(alert.summary()).isEqualTo(summary);
            assertThat(alert.dedupKey()).startsWith("group/{}");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            malformed-no-alerts.json  | 'alerts' is missing or empty
            malformed-bad-status.json | 'alerts[0].status' must be firing or resolved
            malformed-no-labels.json  | 'alerts[0].labels' is missing or empty
            """)
    void malformedPayloadsNameTheProblem(String fixture, String error) {
        assertThatThrownBy(() -> normalize(fixture, Map.of()))
                .isInstanceOfSatisfying(InvalidPayload.class, e -> assertThat(e.errors()).anyMatch(
                        message -> message.contains(error)));
    }

    @Test
    void anUnknownDedupSettingIsReportedNotGuessed() {
        assertThatThrownBy(() -> normalize("firing-two-alerts.json", Map.of(IntegrationSettings.ALERTMANAGER_DEDUP, "label")))
                .isInstanceOf(InvalidPayload.class).hasMessageContaining("alertmanager.dedup='label'");
    }

    private List<Alert> normalize(String fixture, Map<String, String> settings) {
        return normalizer.normalize(Fixtures.payload("alertmanager/" + fixture),
                Fixtures.integration(IntegrationType.ALERTMANAGER, settings), RECEIVED_AT);
    }
}
