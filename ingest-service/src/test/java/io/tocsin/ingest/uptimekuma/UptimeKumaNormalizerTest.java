package io.tocsin.ingest.uptimekuma;

import static io.tocsin.ingest.intake.Fixtures.RECEIVED_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.intake.Alert;
import io.tocsin.ingest.intake.Fixtures;
import io.tocsin.ingest.intake.InvalidPayload;
import io.tocsin.ingest.intake.Payload;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class UptimeKumaNormalizerTest {

    private final UptimeKumaNormalizer normalizer = new UptimeKumaNormalizer(JsonMapper.shared());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            down.json | TRIGGER | Shop frontend is DOWN: connect ECONNREFUSED 10.0.0.5:443 | 2026-01-31T13:45:10.123Z
            up.json   | RESOLVE | Shop frontend is UP: 200 - OK                             | 2026-01-31T13:52:10.456Z
            """)
    void downTriggersAndUpResolvesTheMonitorsIncident(String fixture, AlertAction action, String summary,
            Instant occurredAt) {
        Alert alert = normalize(Fixtures.payload("uptimekuma/" + fixture)).getFirst();

        assertThat(alert.action()).isEqualTo(action);
        assertThat(alert.dedupKey()).isEqualTo("uptime-kuma/monitor/7");
        assertThat(alert.summary()).isEqualTo(summary);
        assertThat(alert.occurredAt()).isEqualTo(occurredAt);
        assertThat(alert.source()).isEqualTo("https://shop.example.org");
    }

    @Test
    void theTestButtonPagesNobody() {
        assertThat(normalize(Fixtures.payload("uptimekuma/test-notification.json"))).isEmpty();
    }

    @Test
    void multipartFormDataCarriesTheJsonInItsDataField() {
        String json = Fixtures.text("uptimekuma/down.json");

        Alert alert = normalize(Payload.ofFields("data=" + json, Map.of("data", json))).getFirst();

        assertThat(alert.action()).isEqualTo(AlertAction.TRIGGER);
        assertThat(alert.dedupKey()).isEqualTo("uptime-kuma/monitor/7");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            status 9      | {"heartbeat": {"monitorID": 7, "status": 9}}   | 'heartbeat.status' must be 0 (down), 1 (up)
            no monitor id | {"heartbeat": {"status": 0}}                   | 'monitor.id' and 'heartbeat.monitorID' are both missing
            """)
    void malformedBeatsNameTheProblem(String name, String json, String error) {
        assertThatThrownBy(() -> normalize(Payload.ofJson(json, JsonMapper.shared().readTree(json))))
                .isInstanceOf(InvalidPayload.class).hasMessageContaining(error);
    }

    @Test
    void aFormWithoutJsonInDataIsRejected() {
        assertThatThrownBy(() -> normalize(Payload.ofFields("data={", Map.of("data", "{"))))
                .isInstanceOf(InvalidPayload.class).hasMessageContaining("'data' field is not valid JSON");
        assertThatThrownBy(() -> normalize(Fixtures.payload("uptimekuma/malformed-bad-status.json")))
                .isInstanceOf(InvalidPayload.class);
    }

    private List<Alert> normalize(Payload payload) {
        return normalizer.normalize(payload, Fixtures.integration(IntegrationType.UPTIME_KUMA), RECEIVED_AT);
    }
}
