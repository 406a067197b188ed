package io.tocsin.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Routing asks the notifier to deliver one page to one contact method (or a Slack channel or webhook an escalation
 * level targets, with no user); {@code id} is the notification's id. {@code incidentNumber} is the short number
 * people use for the incident ("#12"); {@code details} are the monitor's details, for channels with room for them.
 * {@code purpose} says whether it is a page about an incident (PAGE) or a message to a person about their own setup,
 * with no incident, no answer codes and no escalation: a contact method's {@code code} to verify it (VERIFICATION), a
 * test page (TEST), or an invitation whose {@code link} signs them in (INVITATION). Since schema version 3.
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
        Purpose purpose,
        String code,
        String link,
        String sealedSecret) implements TocsinMessage {

    public static final int SCHEMA_VERSION = 3;

    /** What a message is for; a version 2 message, without one, is a PAGE. */
    public enum Purpose {
        PAGE, TEST, VERIFICATION, INVITATION
    }

    public NotificationRequested {
        details = details == null ? Map.of() : details;
        purpose = purpose == null ? Purpose.PAGE : purpose;
    }

    /** A page about an incident. */
    public NotificationRequested(UUID id, int schemaVersion, UUID incidentId, UUID userId, String userName,
            UUID contactMethodId, Channel channel, String address, String serviceName, String summary,
            Severity severity, Urgency urgency, Instant requestedAt, Long incidentNumber, String source,
            Map<String, Object> details) {
        this(id, schemaVersion, incidentId, userId, userName, contactMethodId, channel, address, serviceName, summary,
                severity, urgency, requestedAt, incidentNumber, source, details, Purpose.PAGE, null, null, null);
    }

    /** A message to a person about their own setup, about no incident: a test page, a code, an invitation. */
    public static NotificationRequested personal(UUID id, Purpose purpose, UUID userId, String userName,
            UUID contactMethodId, Channel channel, String address, Instant requestedAt, String code, String link) {
        return personal(id, purpose, userId, userName, contactMethodId, channel, address, requestedAt, code, link,
                null);
    }

    /** A message about the person's own setup to a contact method with an access token (a test push), sealed. */
    public static NotificationRequested personal(UUID id, Purpose purpose, UUID userId, String userName,
            UUID contactMethodId, Channel channel, String address, Instant requestedAt, String code, String link,
            String sealedSecret) {
        return new NotificationRequested(id, SCHEMA_VERSION, null, userId, userName, contactMethodId, channel, address,
                null, null, null, null, requestedAt, null, null, Map.of(), purpose, code, link, sealedSecret);
    }

    /** Whether it is a page about an incident, as opposed to a message about the person's own setup. */
    @JsonIgnore
    public boolean isPage() {
        return purpose == Purpose.PAGE;
    }

}
