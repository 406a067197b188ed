package io.tocsin.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The messages survive a round trip through JSON, and a reader of an older schema ignores fields it does not know. */
class MessagesJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anAlertRoundTripsWithItsDetails() {
        AlertEvent alert = new AlertEvent(UUID.randomUUID(), AlertEvent.SCHEMA_VERSION, AlertAction.TRIGGER,
                UUID.randomUUID(), UUID.randomUUID(), "EVENTS_V2", "disk-db-1", "Disk full", Severity.CRITICAL, "db-1",
                Map.of("mount", "/var"), "{}", Instant.parse("2026-01-31T13:45:00Z"), Instant.parse("2026-01-31T13:45:01Z"));

        AlertEvent read = json.readValue(json.writeValueAsString(alert), AlertEvent.class);

        assertThat(read).isEqualTo(alert);
        assertThat(read.key()).isEqualTo(alert.serviceId() + "/disk-db-1");
    }

    @Test
    void aNewerWritersExtraFieldsAreIgnored() {
        UUID id = UUID.randomUUID();
        String newer = """
                {"id":"%s","schemaVersion":2,"incidentId":"%s","type":"ACKNOWLEDGE","userId":null,"actor":"ada",
                 "via":"SMS","issuedAt":"2026-01-31T13:45:00Z","replyText":"1","somethingNew":{"a":1}}
                """.formatted(id, id);

        IncidentCommand command = json.readValue(newer, IncidentCommand.class);

        assertThat(command.type()).isEqualTo(IncidentCommand.CommandType.ACKNOWLEDGE);
        assertThat(command.schemaVersion()).isEqualTo(2);
    }

    @Test
    void anIncidentChangeCarriesItsAlertCountAndOneFromSchemaTwoHasNone() {
        UUID incident = UUID.randomUUID();
        IncidentChanged joined = new IncidentChanged(UUID.randomUUID(), IncidentChanged.SCHEMA_VERSION, incident,
                UUID.randomUUID(), "node-1", IncidentStatus.TRIGGERED, "Node 1 in trouble", null, null,
                Instant.parse("2026-12-06T01:00:00Z"), 12L, 20);
        String older = """
                {"id":"%s","schemaVersion":2,"incidentId":"%s","status":"ACKNOWLEDGED","actor":"ada","via":"SMS",
                 "at":"2026-12-06T01:00:00Z","incidentNumber":12}
                """.formatted(UUID.randomUUID(), incident);

        assertThat(json.readValue(json.writeValueAsString(joined), IncidentChanged.class)).isEqualTo(joined);
        assertThat(json.readValue(older, IncidentChanged.class).alertCount()).isNull();
    }

    @Test
    void integrationSettingsAreNeverNull() {
        IntegrationUpdated update = new IntegrationUpdated(UUID.randomUUID(), 1, SecretHash.of("k"), UUID.randomUUID(),
                UUID.randomUUID(), "GENERIC", true, null, Instant.EPOCH);

        assertThat(update.settings()).isEmpty();
    }

    @Test
    void secretsAreThirtyTwoHexDigitsAndHashedOneWay() {
        String secret = SecretHash.generate();

        assertThat(secret).matches("[0-9a-f]{32}");
        assertThat(SecretHash.of(secret)).hasSize(64).isNotEqualTo(secret).isEqualTo(SecretHash.of(secret));
        assertThat(SecretHash.generate()).isNotEqualTo(secret);
    }

    @Test
    void aVersionTwoPageRequestReadsAsAPageAndAPersonalMessageKeepsItsCode() {
        String older = """
                {"id":"%s","schemaVersion":2,"incidentId":"%s","channel":"SMS","address":"+15550001","summary":"Disk"}
                """.formatted(UUID.randomUUID(), UUID.randomUUID());
        NotificationRequested page = json.readValue(older, NotificationRequested.class);
        NotificationRequested code = NotificationRequested.personal(UUID.randomUUID(),
                NotificationRequested.Purpose.VERIFICATION, UUID.randomUUID(), "Ada", UUID.randomUUID(), Channel.SMS,
                "+15550001", Instant.parse("2026-01-31T13:45:00Z"), "123456", null);

        String written = json.writeValueAsString(code);

        assertThat(page.purpose()).isEqualTo(NotificationRequested.Purpose.PAGE);
        assertThat(page.isPage()).isTrue();
        assertThat(json.readValue(written, NotificationRequested.class)).isEqualTo(code);
        assertThat(written).contains("\"purpose\":\"VERIFICATION\"").doesNotContain("\"page\"");
    }
}
