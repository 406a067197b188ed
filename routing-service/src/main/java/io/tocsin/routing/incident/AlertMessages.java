package io.tocsin.routing.incident;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.StorableText;
import io.tocsin.messaging.Received;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes sure an alert ingest answered 202 to is never silently lost: one routing cannot read, or still cannot apply
 * alone after its attempts ({@code BatchConsumers}), opens an incident saying an alert could not be processed, with
 * its raw payload, on the alert's service when the payload still names one routing knows, else on the built-in
 * "Tocsin" service; and it pages as any incident. Every value of that incident is made storable first, since a value
 * PostgreSQL refused may be why the alert got here. While the database is away the poll waits instead
 * ({@code UntilStored}): that is no fault of the alert.
 */
@Component
class AlertMessages {

    /** How much of the payload the incident keeps, as ingest keeps of a request. */
    private static final int MAX_RAW = 64 * 1024;
    /** As ingest cuts a monitor's summary. */
    private static final int MAX_SUMMARY = 1024;
    private static final Logger log = LoggerFactory.getLogger(AlertMessages.class);

    private final IncidentLifecycle lifecycle;
    private final JsonMapper json;
    private final Clock clock;
    private final Counter unprocessable;

    AlertMessages(IncidentLifecycle lifecycle, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.lifecycle = lifecycle;
        this.json = json;
        this.clock = clock;
        this.unprocessable = Counter.builder("tocsin.alerts.unprocessable")
                .description("Alerts routing could not apply, opened as incidents saying so")
                .register(meters);
    }

    void unprocessable(Received<byte[]> record, RuntimeException failure) {
        Instant now = clock.instant();
        Optional<JsonNode> alert = parsed(record.payload());
        // the record's place in its topic: a redelivery of it opens nothing twice
        UUID id = record.placeId();
        String reason = String.valueOf(mostSpecific(failure).getMessage());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("failure", reason);
        alert.map(node -> node.path("dedupKey").asString(null)).ifPresent(key -> details.put("dedupKey", key));
        alert.map(node -> node.path("id").asString(null)).ifPresent(alertId -> details.put("alertId", alertId));
        String summary = "An alert could not be processed"
                + alert.map(node -> node.path("summary").asString(null)).map(text -> ": " + text).orElse("");
        AlertEvent incident = new AlertEvent(id, AlertEvent.SCHEMA_VERSION, AlertAction.TRIGGER,
                alert.map(node -> uuid(node.path("serviceId").asString(null))).orElse(null),
                alert.map(node -> uuid(node.path("integrationId").asString(null))).orElse(null),
                "UNPROCESSABLE", "unprocessable-alert/" + id, StorableText.of(cut(summary, MAX_SUMMARY)),
                Severity.CRITICAL, "tocsin", StorableText.map(details),
                StorableText.of(cut(new String(record.payload(), StandardCharsets.UTF_8), MAX_RAW)), now, now);
        if (lifecycle.onUnprocessable(incident)) {
            unprocessable.increment();
            log.error("alert could not be processed, incident opened: dedup={} failure={}", incident.dedupKey(), reason);
        }
    }

    private Optional<JsonNode> parsed(byte[] payload) {
        try {
            JsonNode node = json.readTree(payload);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }

    /** The database's own words ("invalid byte sequence…"), not Spring's wrapping of them. */
    private static Throwable mostSpecific(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
