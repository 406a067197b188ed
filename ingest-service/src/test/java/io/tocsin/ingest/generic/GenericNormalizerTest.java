package io.tocsin.ingest.generic;

import static io.tocsin.ingest.intake.Fixtures.RECEIVED_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.Severity;
import io.tocsin.ingest.intake.Alert;
import io.tocsin.ingest.intake.Fixtures;
import io.tocsin.ingest.intake.InvalidPayload;
import io.tocsin.ingest.intake.Payload;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenericNormalizerTest {

    private final GenericNormalizer normalizer = new GenericNormalizer();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", textBlock = """
            trigger.json | TRIGGER | backup-1/nightly | Nightly backup failed on backup-1 | WARNING
            resolve.json | RESOLVE | backup-1/nightly | -                                 | ERROR
            """)
    void jsonBodies(String fixture, AlertAction action, String dedupKey, String summary, Severity severity) {
        Alert alert = normalize(Fixtures.payload("generic/" + fixture));

        assertThat(alert.action()).isEqualTo(action);
        assertThat(alert.dedupKey()).isEqualTo(dedupKey);
        assertThat(alert.summary()).isEqualTo(summary);
        assertThat(alert.severity()).isEqualTo(severity);
    }

    @Test
    void jsonDetailsStayStructured() {
        Alert alert = normalize(Fixtures.payload("generic/trigger.json"));

        assertThat(alert.details()).isEqualTo(Map.of("details", Map.of("exit_code", 3, "log", "/var/log/backup.log")));
        assertThat(alert.source()).isEqualTo("cron@backup-1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            nagios form      | summary=HOST DOWN: web-1&severity=critical&details=PING CRITICAL - Packet loss = 100%
            monit query      | summary=HOST DOWN: web-1&severity=crit&action=trigger
            """)
    void formsAndQueryStringsWithoutDedupAreKeyedByTheirSummary(String sender, String encoded) {
        Alert trigger = normalize(Fixtures.form(encoded));
        Alert resolve = normalize(Fixtures.form("summary=HOST DOWN: web-1&action=resolve"));

        assertThat(trigger.action()).isEqualTo(AlertAction.TRIGGER);
        assertThat(trigger.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(trigger.dedupKey()).startsWith("summary:").isEqualTo(resolve.dedupKey());
        assertThat(resolve.action()).isEqualTo(AlertAction.RESOLVE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            malformed-no-summary.json | 'summary' is required to trigger
            malformed-bad-action.json | 'action' must be trigger, acknowledge or resolve, not 'explode'
            malformed-bad-action.json | 'severity' must be critical, error, warning or info, not 'apocalyptic'
            """)
    void invalidBodiesNameEveryProblem(String fixture, String error) {
        assertThatThrownBy(() -> normalize(Fixtures.payload("generic/" + fixture)))
                .isInstanceOfSatisfying(InvalidPayload.class, e -> assertThat(e.errors()).contains(error));
    }

    private Alert normalize(Payload payload) {
        return normalizer.normalize(payload, Fixtures.integration(IntegrationType.GENERIC), RECEIVED_AT).getFirst();
    }
}
