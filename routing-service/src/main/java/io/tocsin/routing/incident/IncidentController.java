package io.tocsin.routing.incident;

import io.tocsin.contracts.IncidentStatus;
import io.tocsin.routing.auth.BearerTokenAuthentication;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Incidents over REST: list them, read their timeline, acknowledge and resolve them. */
@RestController
@RequestMapping("/api/v1/incidents")
@Validated
class IncidentController {

    private static final String VIA = "API";

    private final Incidents incidents;
    private final IncidentLog incidentLog;
    private final IncidentLifecycle lifecycle;

    IncidentController(Incidents incidents, IncidentLog incidentLog, IncidentLifecycle lifecycle) {
        this.incidents = incidents;
        this.incidentLog = incidentLog;
        this.lifecycle = lifecycle;
    }

    record IncidentList(List<Incident> incidents) {
    }

    record Timeline(UUID incidentId, List<LogEntry> entries) {
    }

    @GetMapping
    IncidentList list(@RequestParam(required = false) IncidentStatus status,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return new IncidentList(incidents.list(status, limit));
    }

    @GetMapping("/{id}")
    Incident get(@PathVariable UUID id) {
        return incidents.find(id).orElseThrow(() -> new IncidentNotFound(id));
    }

    @GetMapping("/{id}/log")
    Timeline log(@PathVariable UUID id) {
        incidents.find(id).orElseThrow(() -> new IncidentNotFound(id));
        return new Timeline(id, incidentLog.entries(id));
    }

    @PostMapping("/{id}/acknowledge")
    Incident acknowledge(@PathVariable UUID id, @RequestAttribute(BearerTokenAuthentication.CALLER) String caller) {
        return lifecycle.acknowledge(id, new Actor("api:" + caller, VIA));
    }

    @PostMapping("/{id}/resolve")
    Incident resolve(@PathVariable UUID id, @RequestAttribute(BearerTokenAuthentication.CALLER) String caller) {
        return lifecycle.resolve(id, new Actor("api:" + caller, VIA));
    }

    @ExceptionHandler
    ProblemDetail notFound(IncidentNotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Incident not found");
        return problem;
    }
}
