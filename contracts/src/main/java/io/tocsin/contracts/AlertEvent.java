package io.tocsin.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A monitor's event, normalized by ingest: trigger, acknowledge or resolve the incident of
 * {@code serviceId} and {@code dedupKey}. {@code rawPayload} is the original request body, size-capped.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertEvent(
        UUID id,
        int schemaVersion,
        AlertAction action,
        UUID serviceId,
        UUID integrationId,
        String integrationType,
        String dedupKey,
        String summary,
        Severity severity,
        String source,
        Map<String, Object> details,
        String rawPayload,
        Instant occurredAt,
        Instant receivedAt) implements TocsinMessage {

    public static final int SCHEMA_VERSION = 1;

    /** The same event for another service. */
    public AlertEvent onService(UUID otherServiceId) {
        return new AlertEvent(id, schemaVersion, action, otherServiceId, integrationId, integrationType, dedupKey,
                summary, severity, source, details, rawPayload, occurredAt, receivedAt);
    }

    /** The Kafka key: events of one incident stay in order on one partition. */
    public String key() {
        return serviceId + "/" + dedupKey;
    }
}
