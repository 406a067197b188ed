package io.tocsin.ingest.eventsv1;

import static io.tocsin.ingest.intake.Fixtures.RECEIVED_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.intake.Alert;
import io.tocsin.ingest.intake.Fixtures;
import io.tocsin.ingest.intake.InvalidPayload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventsV1NormalizerTest {

    private final EventsV1Normalizer normalizer = new EventsV1Normalizer();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            trigger.json | TRIGGER | srv01/HTTP | FAILURE for production/HTTP on machine srv01.acme.com
            resolve.json | RESOLVE | srv01/HTTP | Andrew fixed the problem.
            """)
    void documentedEvents(String fixture, AlertAction action, String incidentKey, String summary) {
        Alert alert = normalize(fixture);

        assertThat(alert.action()).isEqualTo(action);
        assertThat(alert.dedupKey()).isEqualTo(incidentKey);
        assertThat(alert.summary()).isEqualTo(summary);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            malformed-trigger-without-description.json | 'description' is required for a trigger
            malformed-bad-event-type.json              | 'event_type' must be trigger, acknowledge or resolve, not 'explode'
            """)
    void invalidEventsNameTheProblem(String fixture, String error) {
        assertThatThrownBy(() -> normalize(fixture)).isInstanceOfSatisfying(InvalidPayload.class,
                e -> assertThat(e.errors()).contains(error));
    }

    private Alert normalize(String fixture) {
        return normalizer.normalize(Fixtures.payload("eventsv1/" + fixture),
                Fixtures.integration(IntegrationType.EVENTS_V1), RECEIVED_AT).getFirst();
    }
}
