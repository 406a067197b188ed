package io.tocsin.ingest.uptimerobot;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UptimeRobotNormalizerTest {

    private final UptimeRobotNormalizer normalizer = new UptimeRobotNormalizer();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            down.json | TRIGGER | API health is DOWN: Connection Timeout | 2026-01-31T13:45:00Z
            up.json   | RESOLVE | API health is UP: HTTP 200 - OK        | 2026-01-31T13:50:12Z
            """)
    void jsonBodies(String fixture, AlertAction action, String summary, Instant occurredAt) {
        Alert alert = normalize(Fixtures.payload("uptimerobot/" + fixture)).getFirst();

        assertThat(alert.action()).isEqualTo(action);
        assertThat(alert.dedupKey()).isEqualTo("uptimerobot/monitor/778899001");
        assertThat(alert.summary()).isEqualTo(summary);
        assertThat(alert.occurredAt()).isEqualTo(occurredAt);
    }

    @ParameterizedTest(name = "alertType {0}")
    @CsvSource({"1, TRIGGER", "2, RESOLVE"})
    void queryStringParameters(String alertType, AlertAction action) {
        Alert alert = normalize(Fixtures.form("monitorID=778899001&monitorURL=https://api.example.org/health"
                + "&monitorFriendlyName=API health&alertType=" + alertType + "&alertDetails=Connection Timeout"))
                .getFirst();

        assertThat(alert.action()).isEqualTo(action);
        assertThat(alert.dedupKey()).isEqualTo("uptimerobot/monitor/778899001");
        assertThat(alert.occurredAt()).isEqualTo(RECEIVED_AT);
    }

    @Test
    void sslExpiryNoticesPageNobody() {
        assertThat(normalize(Fixtures.form("monitorID=1&alertType=3"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            unfilled template | monitorID=*monitorID*     | 'monitorID' is the unfilled template *monitorID*
            no monitor        | alertType=1               | 'monitorID' is missing
            bad alert type    | monitorID=1&alertType=7   | 'alertType' must be 1 (down), 2 (up) or 3 (SSL expiry)
            """)
    void malformedNameTheProblem(String name, String query, String error) {
        assertThatThrownBy(() -> normalize(Fixtures.form(query)))
                .isInstanceOf(InvalidPayload.class).hasMessageContaining(error);
        assertThatThrownBy(() -> normalize(Fixtures.payload("uptimerobot/malformed-unfilled-template.json")))
                .isInstanceOf(InvalidPayload.class);
    }

    private List<Alert> normalize(Payload payload) {
        return normalizer.normalize(payload, Fixtures.integration(IntegrationType.UPTIMEROBOT), RECEIVED_AT);
    }
}
