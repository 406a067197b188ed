package io.tocsin.routing.incident;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.api.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Incidents over REST, by id or number: list them, read their timeline and their alerts, acknowledge and resolve them.
 */
@RestController
@RequestMapping("/api/v1/incidents")
class IncidentController {

    private static final String VIA = "API";
    private static final String ID_OR_NUMBER = "the incident's id (a UUID) or its number (e.g. 12)";
    private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");

    private final Incidents incidents;
    private final IncidentLog incidentLog;
    private final IncidentLifecycle lifecycle;

    IncidentController(Incidents incidents, IncidentLog incidentLog, IncidentLifecycle lifecycle) {
        this.incidents = incidents;
        this.incidentLog = incidentLog;
        this.lifecycle = lifecycle;
    }

    /** A page of incidents; pass {@code nextCursor} back as {@code cursor} for the next one (null: no more). */
    record IncidentPage(List<Incident> incidents, String nextCursor) {
    }

    record Timeline(UUID incidentId, List<LogEntry> entries) {
    }

    /** The alerts an incident holds, oldest first. */
    record AlertList(UUID incidentId, List<Alert> alerts) {
    }

    @Operation(operationId = "listIncidents", summary = "List incidents, newest first, filtered and paged by cursor")
    @GetMapping
    IncidentPage list(@RequestParam(required = false) Set<IncidentStatus> status,
            @RequestParam(required = false) UUID serviceId,
            @RequestParam(required = false) Instant since,
            @RequestParam(required = false) Instant until,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        IncidentFilter filter = new IncidentFilter(status == null ? Set.of() : status, serviceId, since, until,
                cursor == null ? null : decode(cursor));
        List<Incident> page = incidents.list(filter, limit + 1);
        if (page.size() <= limit) {
            return new IncidentPage(page, null);
        }
        Incident last = page.get(limit - 1);
        return new IncidentPage(page.subList(0, limit), encode(new IncidentFilter.Cursor(last.createdAt(), last.id())));
    }

    private static String encode(IncidentFilter.Cursor cursor) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((cursor.createdAt() + "|" + cursor.id()).getBytes(StandardCharsets.UTF_8));
    }

    private static IncidentFilter.Cursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return new IncidentFilter.Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new InvalidCursor();
        }
    }

    /** A cursor that this API did not hand out. */
    static class InvalidCursor extends InvalidRequest {
        InvalidCursor() {
            super("The cursor is not valid: pass back the nextCursor of a previous page unchanged.");
        }
    }

    @Operation(operationId = "getIncident", summary = "Get an incident with its details and original payload")
    @GetMapping("/{id}")
    IncidentDetail get(@Parameter(description = ID_OR_NUMBER) @PathVariable String id) {
        UUID incident = idOf(id);
        return incidents.detail(incident).orElseThrow(() -> new IncidentNotFound(incident));
    }

    @Operation(operationId = "getIncidentLog", summary = "Get an incident's timeline")
    @GetMapping("/{id}/log")
    Timeline log(@Parameter(description = ID_OR_NUMBER) @PathVariable String id) {
        UUID incident = idOf(id);
        incidents.find(incident).orElseThrow(() -> new IncidentNotFound(incident));
        return new Timeline(incident, incidentLog.entries(incident));
    }

    @Operation(operationId = "listIncidentAlerts", summary = "List the alerts an incident holds, oldest first",
            description = "Each alert is a dedup key of the incident's service with its own trigger and resolve"
                    + " history; the incident's alertCount counts them. A repeated trigger of an open alert counts in"
                    + " its triggerCount.")
    @GetMapping("/{id}/alerts")
    AlertList alerts(@Parameter(description = ID_OR_NUMBER) @PathVariable String id) {
        UUID incident = idOf(id);
        incidents.find(incident).orElseThrow(() -> new IncidentNotFound(incident));
        return new AlertList(incident, incidents.alerts(incident));
    }

    @Operation(operationId = "acknowledgeIncident", summary = "Acknowledge an incident: paging stops")
    @PostMapping("/{id}/acknowledge")
    Incident acknowledge(@Parameter(description = ID_OR_NUMBER) @PathVariable String id,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return lifecycle.acknowledge(idOf(id), new Actor(caller.actorName(), VIA));
    }

    @Operation(operationId = "unacknowledgeIncident", summary = "Take back an acknowledgement: paging starts again")
    @PostMapping("/{id}/unacknowledge")
    Incident unacknowledge(@Parameter(description = ID_OR_NUMBER) @PathVariable String id,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return lifecycle.unacknowledge(idOf(id), new Actor(caller.actorName(), VIA));
    }

    @Operation(operationId = "resolveIncident", summary = "Resolve an incident")
    @PostMapping("/{id}/resolve")
    Incident resolve(@Parameter(description = ID_OR_NUMBER) @PathVariable String id,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return lifecycle.resolve(idOf(id), new Actor(caller.actorName(), VIA));
    }

    @Operation(operationId = "escalateIncident", summary = "Escalate an incident: the next level is paged now")
    @PostMapping("/{id}/escalate")
    Incident escalate(@Parameter(description = ID_OR_NUMBER) @PathVariable String id,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return lifecycle.escalate(idOf(id), new Actor(caller.actorName(), VIA));
    }

    /** The incident's id, given its id or its number. */
    private UUID idOf(String idOrNumber) {
        if (NUMBER.matcher(idOrNumber).matches()) {
            return incidents.idOf(Long.parseLong(idOrNumber))
                    .orElseThrow(() -> new NotFound("No incident has number " + idOrNumber));
        }
        try {
            return UUID.fromString(idOrNumber);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("'" + idOrNumber + "' is neither an incident id (a UUID) nor an incident number");
        }
    }
}
