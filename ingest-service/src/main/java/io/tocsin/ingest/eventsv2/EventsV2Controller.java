package io.tocsin.ingest.eventsv2;

import io.tocsin.contracts.AlertEvent;
import io.tocsin.ingest.integration.IntegrationDirectory;
import io.tocsin.ingest.integration.KnownIntegration;
import io.tocsin.ingest.publish.AlertNotStored;
import io.tocsin.ingest.publish.AlertPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The PagerDuty Events API v2 endpoint: a tool configured for PagerDuty works with only its URL changed. */
@RestController
class EventsV2Controller {

    static final String INTEGRATION_TYPE = "EVENTS_V2";
    private static final Logger log = LoggerFactory.getLogger(EventsV2Controller.class);

    private final IntegrationDirectory integrations;
    private final AlertPublisher publisher;
    private final JsonMapper json;
    private final EventsV2Normalizer normalizer;
    private final Clock clock;

    EventsV2Controller(IntegrationDirectory integrations, AlertPublisher publisher, JsonMapper json, Clock clock) {
        this.integrations = integrations;
        this.publisher = publisher;
        this.json = json;
        this.normalizer = new EventsV2Normalizer(json);
        this.clock = clock;
    }

    @PostMapping("/v2/enqueue")
    ResponseEntity<Map<String, Object>> enqueue(@RequestBody byte[] body) {
        String raw = new String(body, StandardCharsets.UTF_8);
        JsonNode event;
        try {
            event = json.readTree(raw);
        } catch (JacksonException e) {
            throw new InvalidEvent(List.of("the body is not valid JSON: " + e.getOriginalMessage()));
        }
        if (!event.isObject()) {
            throw new InvalidEvent(List.of("the body must be a JSON object"));
        }
        KnownIntegration integration = integration(event);
        AlertEvent alert = normalizer.normalize(event, raw, integration, clock.instant());
        publisher.publish(alert);
        return ResponseEntity.accepted().body(Map.of(
                "status", "success", "message", "Event processed", "dedup_key", alert.dedupKey()));
    }

    private KnownIntegration integration(JsonNode event) {
        JsonNode key = event.path("routing_key");
        if (!key.isString() || key.stringValue().isBlank()) {
            throw new InvalidEvent(List.of("'routing_key' is missing; use the integration key of a Tocsin service"));
        }
        KnownIntegration integration = integrations.find(key.stringValue())
                .orElseThrow(() -> new InvalidEvent(List.of("Invalid routing key: no Tocsin integration has this key")));
        if (!integration.enabled()) {
            throw new InvalidEvent(List.of("Invalid routing key: this integration is disabled"));
        }
        if (!INTEGRATION_TYPE.equals(integration.type())) {
            throw new InvalidEvent(List.of("Invalid routing key: this key belongs to a " + integration.type()
                    + " integration, not an Events API v2 one"));
        }
        return integration;
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> invalid(InvalidEvent e) {
        log.info("events-v2 rejected: {}", e.getMessage());
        return ResponseEntity.badRequest().body(Map.of(
                "status", "invalid event", "message", "Event object is invalid", "errors", e.errors()));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> notStored(AlertNotStored e) {
        log.warn("events-v2 not stored: {}", e.getMessage(), e.getCause());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(Map.of("status", "unavailable",
                        "message", "The event could not be stored right now; nothing was accepted. Retry shortly."));
    }
}
