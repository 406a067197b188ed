package io.tocsin.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Urgency;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotifierPropertiesTest {

    private static NotificationRequested page(Map<String, Object> details) {
        return new NotificationRequested(UUID.randomUUID(), NotificationRequested.SCHEMA_VERSION, UUID.randomUUID(),
                UUID.randomUUID(), "Ada", UUID.randomUUID(), Channel.SMS, "+12015550123", "Storage", "Disk full", null,
                Urgency.HIGH, Instant.now(), 12L, "db-1", details);
    }

    @Test
    void aPageLinksToItsIncidentInTheConsoleBehindAProxyPath() {
        NotificationRequested n = page(Map.of());
        NotifierProperties properties = new NotifierProperties(URI.create("http://localhost:8082"),
                URI.create("https://ops.example.test/tocsin/"));

        assertThat(properties.incidentUrl(n)).hasValue("https://ops.example.test/tocsin/ui/incidents/" + n.incidentId());
    }

    @Test
    void aBundleLinksToTheIncidentList() {
        NotifierProperties properties = new NotifierProperties(URI.create("http://localhost:8082"),
                URI.create("https://ops.example.test"));

        assertThat(properties.incidentUrl(page(Map.of("incidents", List.of()))))
                .hasValue("https://ops.example.test/ui/incidents");
    }

    @Test
    void withoutAConsoleUrlPagesCarryNoLink() {
        NotifierProperties properties = new NotifierProperties(URI.create("http://localhost:8082"), null);

        assertThat(properties.incidentUrl(page(Map.of()))).isEmpty();
    }
}
