package io.tocsin.ingest.cloudwatch;

import static io.tocsin.ingest.intake.Fixtures.RECEIVED_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.contracts.AlertAction;
import io.tocsin.ingest.intake.Alert;
import io.tocsin.ingest.intake.Fixtures;
import io.tocsin.ingest.intake.InvalidPayload;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudWatchAlarmsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            alarm.json | TRIGGER | 2026-01-31T13:45:00.123Z
            ok.json    | RESOLVE | 2026-01-31T14:05:00Z
            """)
    void alarmTriggersAndOkResolvesTheAlarmsIncident(String fixture, AlertAction action, Instant occurredAt) {
        Alert alert = CloudWatchAlarms.of(Fixtures.payload("cloudwatch/" + fixture).json(), RECEIVED_AT).getFirst();

        assertThat(alert.action()).isEqualTo(action);
        assertThat(alert.dedupKey()).isEqualTo("cloudwatch/arn:aws:cloudwatch:eu-west-1:123456789012:alarm:api-5xx-rate");
        assertThat(alert.summary()).startsWith("api-5xx-rate: Threshold Crossed");
        assertThat(alert.occurredAt()).isEqualTo(occurredAt);
        assertThat(alert.details()).containsKeys("AlarmDescription", "Trigger", "OldStateValue");
    }

    @Test
    void insufficientDataPagesNobody() {
        assertThat(CloudWatchAlarms.of(Fixtures.payload("cloudwatch/insufficient-data.json").json(), RECEIVED_AT))
                .isEmpty();
    }

    @Test
    void anUnknownStateIsRejected() {
        assertThatThrownBy(() -> CloudWatchAlarms.of(Fixtures.payload("cloudwatch/malformed-bad-state.json").json(),
                RECEIVED_AT)).isInstanceOf(InvalidPayload.class).hasMessageContaining("'NewStateValue' must be");
    }
}
