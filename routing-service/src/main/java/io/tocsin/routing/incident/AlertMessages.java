package io.tocsin.routing.incident;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.StorableText;
import io.tocsin.messaging.UntilStored;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies each message of the alerts topic, and makes sure an alert ingest answered 202 to is never silently lost:
 * one routing cannot read, or still cannot apply after {@link #ATTEMPTS} tries, opens an incident saying an alert
 * could not be processed, with its raw payload, on the alert's service when the payload still names one routing
 * knows, else on the built-in "Tocsin" service; and it pages as any incident. Every value of that incident is made
 * storable first, since a value PostgreSQL refused may be why the alert got here. While the database is away the
 * message waits instead ({@link UntilStored}): that is no fault of the alert.
 */
@Component
class AlertMessages {

    static final int ATTEMPTS = 4;
    private static final Duration FIRST_BACK_OFF = Duration.ofMillis(200);
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

    void onMessage(Message<byte[]> message) {
        AlertEvent alert;
        try {
            alert = json.readValue(message.getPayload(), AlertEvent.class);
        } catch (JacksonException unreadable) {
            openUnprocessable(message, unreadable);
            return;
        }
        RuntimeException failure = null;
        Duration backOff = FIRST_BACK_OFF;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                lifecycle.onAlert(alert);
                return;
            } catch (RuntimeException e) {
                if (UntilStored.databaseAway(e)) {
                    throw e;
                }
                failure = e;
                log.warn("alert={} attempt {} of {} failed: {}", alert.id(), attempt, ATTEMPTS, e.toString());
                if (attempt < ATTEMPTS) {
                    pause(backOff);
                    backOff = backOff.multipliedBy(2);
                }
            }
        }
        openUnprocessable(message, failure);
    }

    private void openUnprocessable(Message<byte[]> message, RuntimeException failure) {
        Instant now = clock.instant();
        Optional<JsonNode> alert = parsed(message.getPayload());
        // the record's place in its topic: a redelivery of it opens nothing twice
        UUID id = UUID.nameUUIDFromBytes((message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC) + "/"
                + message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION) + "/"
                + message.getHeaders().get(KafkaHeaders.OFFSET)).getBytes(StandardCharsets.UTF_8));
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
                StorableText.of(cut(new String(message.getPayload(), StandardCharsets.UTF_8), MAX_RAW)), now, now);
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

    private static void pause(Duration backOff) {
        try {
            Thread.sleep(backOff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between attempts to apply an alert", e);
        }
    }
}
