package io.tocsin.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** Routing asks the notifier to deliver one page to one contact method; {@code id} is the notification's id. */
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
        Instant requestedAt) implements TocsinMessage {

    public static final int SCHEMA_VERSION = 1;
}
