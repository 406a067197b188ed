package io.tocsin.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Routing asks the notifier to deliver one page to one contact method (or a Slack channel or webhook an escalation
 * level targets, with no user); {@code id} is the notification's id. {@code incidentNumber} is the short number
 * people use for the incident ("#12"); {@code details} are the monitor's details, for channels with room for them;
 * {@code sealedSecret} is the contact method's access token ({@link SealedSecrets}, a PUSH topic's), or null.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NotificationRequested(
        UUID id,
        int schemaVersion,
        UUID incidentId,
        UUID userId,
        String userName,
        UUID contactMethodId,
        Channel channel,
        String address,
        String serviceName,
        String summary,
        Severity severity,
        Urgency urgency,
        Instant requestedAt,
        Long incidentNumber,
        String source,
        Map<String, Object> details,
        String sealedSecret) implements TocsinMessage {

    public static final int SCHEMA_VERSION = 2;

    public NotificationRequested {
        details = details == null ? Map.of() : details;
    }

    /** A page to a contact method without a secret. */
    public NotificationRequested(UUID id, int schemaVersion, UUID incidentId, UUID userId, String userName,
            UUID contactMethodId, Channel channel, String address, String serviceName, String summary,
            Severity severity, Urgency urgency, Instant requestedAt, Long incidentNumber, String source,
            Map<String, Object> details) {
        this(id, schemaVersion, incidentId, userId, userName, contactMethodId, channel, address, serviceName, summary,
                severity, urgency, requestedAt, incidentNumber, source, details, null);
    }
}
