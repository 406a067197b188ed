package io.tocsin.notifier.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.SealedSecrets;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Urgency;
import io.tocsin.contracts.WebhookDestinations;
import io.tocsin.notifier.NotifierProperties;
import io.tocsin.notifier.email.LinkProperties;
import io.tocsin.notifier.email.LinkTokens;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class NtfySenderTest {

    private final NtfySender sender = new NtfySender(new WebhookDestinations(List.of()), new SealedSecrets(List.of()),
            new NotifierProperties(URI.create("https://pager.example.test"), URI.create("https://tocsin.example.test")),
            new LinkTokens(new LinkProperties(List.of("a-link-key-for-this-test-only"), Duration.ofHours(24)),
                    Clock.fixed(Instant.parse("2026-12-06T02:00:00Z"), ZoneOffset.UTC)),
            JsonMapper.shared(), Clock.systemUTC());

    @Test
    void aHighUrgencyPageIsPriorityFiveWithAViewOfTheIncidentAndTwoButtons() {
        NotificationRequested page = page(Urgency.HIGH);

        Map<String, Object> message = sender.message(page, "tocsin-ada");

        assertThat(message).containsEntry("topic", "tocsin-ada").containsEntry("priority", 5)
                .containsEntry("click", "https://tocsin.example.test/ui/incidents/" + page.incidentId());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> actions = (List<Map<String, Object>>) message.get("actions");
        assertThat(actions).hasSize(3);
        assertThat(actions.get(0)).containsEntry("action", "view").containsEntry("label", "Open")
                .containsEntry("url", "https://tocsin.example.test/ui/incidents/" + page.incidentId());
        assertThat(actions.get(1)).containsEntry("action", "http").containsEntry("label", "Acknowledge")
                .containsEntry("method", "POST");
        assertThat((String) actions.get(1).get("url")).startsWith("https://pager.example.test/push/");
        assertThat(actions.get(2)).containsEntry("label", "Resolve").containsEntry("clear", true);
    }

    @Test
    void aLowUrgencyPageIsDefaultPriority() {
        assertThat(sender.message(page(Urgency.LOW), "tocsin-ada")).containsEntry("priority", 3);
    }

    private static NotificationRequested page(Urgency urgency) {
        return new NotificationRequested(UUID.randomUUID(), NotificationRequested.SCHEMA_VERSION, UUID.randomUUID(),
                UUID.randomUUID(), "Ada", UUID.randomUUID(), Channel.PUSH, "https://ntfy.sh/tocsin-ada", "Search",
                "Checkout down", Severity.CRITICAL, urgency, Instant.now(), 12L, "search-1", null);
    }
}
