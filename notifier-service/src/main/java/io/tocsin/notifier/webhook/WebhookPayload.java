package io.tocsin.notifier.webhook;

import io.tocsin.contracts.NotificationRequested;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The JSON a webhook receives: what happened, to which incident, and the notification's id (the same on retries). */
record WebhookPayload(String event, UUID notificationId, Instant requestedAt, Incident incident) {

    static final String TRIGGERED = "incident.triggered";

    record Incident(UUID id, Long number, String status, String summary, String severity, String urgency,
            String service, String source, Map<String, Object> details) {
    }

    static WebhookPayload of(NotificationRequested n) {
        return new WebhookPayload(TRIGGERED, n.id(), n.requestedAt(), new Incident(n.incidentId(), n.incidentNumber(),
                "triggered", n.summary(), lower(n.severity()), lower(n.urgency()), n.serviceName(), n.source(),
                n.details()));
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
