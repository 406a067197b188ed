package io.tocsin.ingest.eventsv2;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventsV2NormalizerTest {

    private final EventsV2Normalizer normalizer = new EventsV2Normalizer();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", textBlock = """
            trigger-full.json | TRIGGER     | disk-db-1 | Disk full on db-1 | CRITICAL
            acknowledge.json  | ACKNOWLEDGE | disk-db-1 | -                 | -
            resolve.json      | RESOLVE     | disk-db-1 | -                 | -
            """)
    void documentedEvents(String fixture, AlertAction action, String dedupKey, String summary, Severity severity) {
        Alert alert = normalize(fixture);

        assertThat(alert.action()).isEqualTo(action);
        assertThat(alert.dedupKey()).isEqualTo(dedupKey);
        assertThat(alert.summary()).isEqualTo(summary);
        assertThat(alert.severity()).isEqualTo(severity);
    }

    @Test
    void aTriggerKeepsTimestampImagesLinksAndClient() {
        Alert alert = normalize("trigger-full.json");

        assertThat(alert.occurredAt()).isEqualTo(Instant.parse("2026-01-31T13:45:00Z"));
        assertThat(alert.source()).isEqualTo("db-1.example.org");
        assertThat(alert.details()).containsKeys("component", "group", "class", "custom_details", "images", "links",
                "client", "client_url");
    }

    @Test
    void aTriggerWithoutDedupKeyGetsAFreshOne() {
        String first = normalize("trigger-no-dedup-key.json").dedupKey();
        String second = normalize("trigger-no-dedup-key.json").dedupKey();

        assertThat(first).hasSize(32).isNotEqualTo(second);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            malformed-bad-severity.json               | 'payload.severity' must be critical, error, warning or info, not 'catastrophic'
            malformed-missing-summary-source.json     | 'payload.summary' is missing or blank
            malformed-missing-summary-source.json     | 'payload.source' is missing or blank
            malformed-resolve-without-dedup-key.json  | 'dedup_key' is required to resolve an incident
            malformed-bad-action.json                 | 'event_action' must be trigger, acknowledge or resolve, not 'snooze'
            malformed-images-not-array.json           | 'images' must be an array
            malformed-images-not-array.json           | 'links[0]' must be an object with 'href'
            malformed-bad-timestamp.json              | 'payload.timestamp' must be an ISO 8601 date-time
            """)
    void invalidEventsNameEveryProblem(String fixture, String error) {
        assertThatThrownBy(() -> normalize(fixture)).isInstanceOfSatisfying(InvalidPayload.class,
                e -> assertThat(e.errors()).anyMatch(message -> message.startsWith(error)));
    }

    private Alert normalize(String fixture) {
        return normalizer.normalize(Fixtures.payload("eventsv2/" + fixture),
                Fixtures.integration(IntegrationType.EVENTS_V2), RECEIVED_AT).getFirst();
    }
}
