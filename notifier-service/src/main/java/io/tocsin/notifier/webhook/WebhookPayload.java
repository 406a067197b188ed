package io.tocsin.notifier.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.delivery.PersonalText;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON a webhook receiver gets: what happened, the notification's id (the same on retries), and either the
 * incident a page is about or, for a test page ({@code "event": "test"}), the words of the message and no incident.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WebhookPayload(String event, UUID notificationId, Instant requestedAt, Incident incident, String message) {

    static final String TRIGGERED = "incident.triggered";

    /** Its fields are all sent, null or not, as they always were. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Incident(UUID id, Long number, String status, String summary, String severity, String urgency,
            String service, String source, Map<String, Object> details) {
    }

    static WebhookPayload of(NotificationRequested n) {
        if (!n.isPage()) {
            return new WebhookPayload(lower(n.purpose()), n.id(), n.requestedAt(), null, PersonalText.of(n));
        }
        return new WebhookPayload(TRIGGERED, n.id(), n.requestedAt(), new Incident(n.incidentId(), n.incidentNumber(),
                "triggered", n.summary(), lower(n.severity()), lower(n.urgency()), n.serviceName(), n.source(),
                n.details()), null);
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
