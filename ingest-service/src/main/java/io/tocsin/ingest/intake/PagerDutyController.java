package io.tocsin.ingest.intake;

import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.IntegrationType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * PagerDuty's Events APIs at PagerDuty's own paths, so a tool configured for PagerDuty works with only its URL
 * changed: v2 ({@code /v2/enqueue}) and v1 ({@code /generic/2010-04-15/create_event.json}, which Alertmanager's
 * {@code service_key} mode and older tools still send). The key comes in the body; answers are PagerDuty's.
 */
@RestController
@PagerDutyShaped
class PagerDutyController {

    private final Intake intake;

    PagerDutyController(Intake intake) {
        this.intake = intake;
    }

    @PostMapping("/v2/enqueue")
    ResponseEntity<Map<String, Object>> enqueue(HttpServletRequest request) {
        return processed(IntegrationType.EVENTS_V2, request, HttpStatus.ACCEPTED, "dedup_key");
    }

    @PostMapping("/generic/2010-04-15/create_event.json")
    ResponseEntity<Map<String, Object>> createEvent(HttpServletRequest request) {
        return processed(IntegrationType.EVENTS_V1, request, HttpStatus.OK, "incident_key");
    }

    private ResponseEntity<Map<String, Object>> processed(IntegrationType type, HttpServletRequest request,
            HttpStatus status, String keyName) {
        AlertEvent alert = intake.accept(type, null, request).events().getFirst();
        // JSON as PagerDuty answers, without negotiating it from the Accept header (see IntakeController)
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of(
                "status", "success", "message", "Event processed", keyName, alert.dedupKey()));
    }
}
