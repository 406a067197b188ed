package io.tocsin.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** The notifier reports what became of a notification. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryReported(
        UUID id,
        int schemaVersion,
        UUID notificationId,
        UUID incidentId,
        Channel channel,
        DeliveryStatus status,
        String detail,
        Instant at) implements TocsinMessage {

    public static final int SCHEMA_VERSION = 1;

    /** Where a notification stands with its provider. */
    public enum DeliveryStatus {
        SENT, DELIVERED, FAILED, ANSWERED
    }
}
