package io.tocsin.ingest.intake;

import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.IntegrationType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The integration-specific endpoints: {@code /integrations/{key}/{type}}, or {@code /integrations/{type}} with the
 * key in the {@value IntegrationKeys#HEADER} header or {@code Authorization: Bearer <key>} for tools that cannot
 * template a URL; heartbeats also at {@code /heartbeat/{key}}. GET is accepted as well as POST, for pings and query-string
 * webhooks. Every type answers 202 with the dedup keys of the events it published, as JSON whatever the request's
 * Accept header says: a monitor reads the status, and negotiating the type showed in the profile of every 202.
 */
@RestController
public class IntakeController {

    private final Intake intake;
    private final IngestMetrics metrics;

    IntakeController(Intake intake, IngestMetrics metrics) {
        this.intake = intake;
        this.metrics = metrics;
    }

    @RequestMapping(path = "/integrations/{key}/{type}", method = {RequestMethod.POST, RequestMethod.GET})
    ResponseEntity<Map<String, Object>> withKeyInPath(@PathVariable String key, @PathVariable String type,
            HttpServletRequest request) {
        return accept(type(type), key, request);
    }

    @RequestMapping(path = "/integrations/{type}", method = {RequestMethod.POST, RequestMethod.GET})
    ResponseEntity<Map<String, Object>> withKeyInHeader(@PathVariable String type, HttpServletRequest request) {
        return accept(type(type), null, request);
    }

    @RequestMapping(path = "/heartbeat/{key}", method = {RequestMethod.POST, RequestMethod.GET})
    ResponseEntity<Map<String, Object>> heartbeat(@PathVariable String key, HttpServletRequest request) {
        return accept(IntegrationType.HEARTBEAT, key, request);
    }

    @RequestMapping(path = "/heartbeat", method = {RequestMethod.POST, RequestMethod.GET})
    ResponseEntity<Map<String, Object>> heartbeatWithKeyInHeader(HttpServletRequest request) {
        return accept(IntegrationType.HEARTBEAT, null, request);
    }

    private ResponseEntity<Map<String, Object>> accept(IntegrationType type, String key, HttpServletRequest request) {
        Intake.Accepted accepted = intake.accept(type, key, request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "accepted");
        body.put("message", accepted.events().isEmpty()
                ? "Received; nothing to page for (a test or informational notification)"
                : accepted.events().size() + " event(s) stored");
        body.put("integration_type", type.name());
        body.put("dedup_keys", accepted.events().stream().map(AlertEvent::dedupKey).toList());
        return ResponseEntity.accepted().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private IntegrationType type(String slug) {
        return IntegrationType.bySlug(slug).orElseThrow(() -> {
            metrics.rejected(IngestMetrics.UNKNOWN_TYPE, Reason.UNKNOWN_TYPE);
            return new Rejected(Reason.UNKNOWN_TYPE,
                    "No integration type is called '" + slug + "'; use one of "
                            + String.join(", ", IntegrationType.slugs()));
        });
    }
}
