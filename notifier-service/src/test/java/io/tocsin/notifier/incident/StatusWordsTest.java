package io.tocsin.notifier.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.IncidentStatus;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusWordsTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "ACKNOWLEDGED, Alice, SLACK, Acknowledged by Alice via Slack, #12 is already acknowledged by Alice via Slack",
            "RESOLVED, Bob, SMS, Resolved by Bob via SMS, #12 is already resolved by Bob via SMS",
            "ACKNOWLEDGED, Carol, VOICE, Acknowledged by Carol via phone, #12 is already acknowledged by Carol via phone",
            "RESOLVED, Dan, EMAIL, Resolved by Dan via email, #12 is already resolved by Dan via email",
            "RESOLVED, api:ops-bot, API, Resolved by api:ops-bot via the API, #12 is already resolved by api:ops-bot via the API",
            "RESOLVED, monitor, EVENTS_V2, Resolved by monitor via events v2, #12 is already resolved by monitor via events v2",
            "RESOLVED, tocsin, TIMER, Resolved by tocsin via timeout, #12 is already resolved by tocsin via timeout",
            "RESOLVED, null, null, Resolved, #12 is already resolved",
            "TRIGGERED, tocsin, TIMER, Triggered, #12 is already triggered"})
    void saysWhoDidWhatAndHow(IncidentStatus status, String by, String via, String line, String already) {
        KnownIncident incident = new KnownIncident(UUID.randomUUID(), 12L, "Storage", "Disk full", "CRITICAL", status,
                by, via);

        assertThat(StatusWords.line(incident)).isEqualTo(line);
        assertThat(StatusWords.already(incident)).isEqualTo(already);
    }
}
