package io.tocsin.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * The notifier reports what became of a notification, attempt by attempt ({@code attempt} counts from 1).
 * {@code provider} names the SMS or voice provider that carried it ("Vonage"), and {@code failedOver} what went wrong
 * with the one before when it was sent through another ("Twilio failed (HTTP 503)"); both null otherwise.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryReported(
        UUID id,
        int schemaVersion,
        UUID notificationId,
        UUID incidentId,
        Channel channel,
        DeliveryStatus status,
        String detail,
        Instant at,
        int attempt,
        String provider,
        String failedOver) implements TocsinMessage {

    public static final int SCHEMA_VERSION = 2;

    /** A report that names no provider: every channel but SMS and voice. */
    public DeliveryReported(UUID id, int schemaVersion, UUID notificationId, UUID incidentId, Channel channel,
            DeliveryStatus status, String detail, Instant at, int attempt) {
        this(id, schemaVersion, notificationId, incidentId, channel, status, detail, at, attempt, null, null);
    }

    /**
     * Where a notification stands with its provider. RETRYING: an attempt failed for a temporary reason and another
     * is scheduled; HELD: throttled, it goes out (bundled) when the contact method's window allows; FAILED is final.
     * CANCELLED: a held or retried page not sent after all, its incident acknowledged or resolved meanwhile.
     */
    public enum DeliveryStatus {
        SENT, DELIVERED, FAILED, ANSWERED, RETRYING, HELD, CANCELLED;

        /** Whether nothing more will be tried for the notification. */
        public boolean isFinalFailure() {
            return this == FAILED;
        }
    }
}
