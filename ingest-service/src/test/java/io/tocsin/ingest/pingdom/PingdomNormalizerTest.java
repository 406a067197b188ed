package io.tocsin.ingest.pingdom;

import static io.tocsin.ingest.intake.Fixtures.RECEIVED_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.Severity;
import io.tocsin.ingest.intake.Alert;
import io.tocsin.ingest.intake.Fixtures;
import io.tocsin.ingest.intake.InvalidPayload;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PingdomNormalizerTest {

    private final PingdomNormalizer normalizer = new PingdomNormalizer();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            down.json                | TRIGGER | pingdom/monitor/12345 | Name of HTTP check is DOWN: 503 Service Unavailable     | CRITICAL | 2026-01-31T13:45:00Z
            up.json                  | RESOLVE | pingdom/monitor/12345 | Name of HTTP check is UP: OK                            | CRITICAL | 2026-01-31T13:55:00Z
            transaction-failing.json | TRIGGER | pingdom/monitor/67890 | Checkout flow is DOWN: Step 3 failed: element #pay not found | WARNING | 2026-01-31T13:45:00Z
            """)
    void stateChanges(String fixture, AlertAction action, String dedupKey, String summary, Severity severity,
            Instant occurredAt) {
        Alert alert = normalize(fixture).getFirst();

        assertThat(alert.action()).isEqualTo(action);
        assertThat(alert.dedupKey()).isEqualTo(dedupKey);
        assertThat(alert.summary()).isEqualTo(summary);
        assertThat(alert.severity()).isEqualTo(severity);
        assertThat(alert.occurredAt()).isEqualTo(occurredAt);
    }

    @Test
    void theDownEventNamesTheHostAndKeepsTheProbes() {
        Alert alert = normalize("down.json").getFirst();

        assertThat(alert.source()).isEqualTo("www.example.com");
        assertThat(alert.details()).containsKeys("check_params", "first_probe", "second_probe", "long_description");
    }

    @Test
    void aStateChangeWithoutCheckIdIsRejected() {
        assertThatThrownBy(() -> normalize("malformed-no-check-id.json"))
                .isInstanceOf(InvalidPayload.class).hasMessageContaining("'check_id' is missing");
    }

    private List<Alert> normalize(String fixture) {
        return normalizer.normalize(Fixtures.payload("pingdom/" + fixture),
                Fixtures.integration(IntegrationType.PINGDOM), RECEIVED_AT);
    }
}
