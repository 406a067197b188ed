package io.tocsin.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Urgency;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageTextTest {

    @Test
    void saysWhatBrokeWhereAndWhichIncident() {
        UUID incident = UUID.fromString("3f9c2a71-0000-4000-8000-000000000000");
        NotificationRequested page = new NotificationRequested(UUID.randomUUID(), 1, incident, UUID.randomUUID(), "Ada",
                UUID.randomUUID(), Channel.SMS, "+15550000000", "Checkout", "5xx above 5%", Severity.ERROR,
                Urgency.HIGH, Instant.EPOCH, 12L, "web-1", null);

        assertThat(PageText.of(page)).isEqualTo("Tocsin #12: [ERROR] 5xx above 5% (service Checkout)");
    }
}
