package io.tocsin.routing.service;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.SecretHash;
import io.tocsin.routing.api.Conflict;
import io.tocsin.routing.api.ETags;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.api.Refusals;
import io.tocsin.routing.audit.AuditLog.Action;
import io.tocsin.routing.audit.AuditLog.ResourceType;
import io.tocsin.routing.audit.AuditLog;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Services over REST, with their integrations (keys for monitors) and maintenance windows. */
@RestController
@RequestMapping("/api/v1/services")
class ServiceController {

    private static final Logger log = LoggerFactory.getLogger(ServiceController.class);

    private final Services services;
    private final ServiceChanges changes;
    private final Integrations integrations;
    private final AuditLog audit;
    private final ETags etags;
    private final Clock clock;

    ServiceController(Services services, ServiceChanges changes, Integrations integrations, AuditLog audit,
            ETags etags, Clock clock) {
        this.services = services;
        this.changes = changes;
        this.integrations = integrations;
        this.audit = audit;
        this.etags = etags;
        this.clock = clock;
    }

    record ServiceList(List<Service> services) {
    }

    @Operation(operationId = "listServices", summary = "List services, or a team's")
    @GetMapping
    ServiceList list(@RequestParam(required = false) UUID teamId) {
        return new ServiceList(services.list(teamId));
    }

    @Operation(operationId = "getService", summary = "Get a service")
    @GetMapping("/{id}")
    ResponseEntity<Service> get(@PathVariable UUID id) {
        Service service = services.find(id).orElseThrow(() -> ServiceChanges.notFound(id));
        return ResponseEntity.ok().eTag(etags.of(service)).body(service);
    }

    @Operation(operationId = "createService", summary = "Create a service")
    @PostMapping
    @Transactional
    ResponseEntity<Service> create(@Valid @RequestBody ServiceSpec spec) {
        Service service = changes.create(spec);
        return ResponseEntity.created(URI.create("/api/v1/services/" + service.id())).body(service);
    }

    @Operation(operationId = "replaceService", summary = "Replace a service")
    @PutMapping("/{id}")
    @Transactional
    ResponseEntity<Service> replace(@PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody ServiceSpec spec) {
        Service after = changes.replace(id, ifMatch, spec);
        return ResponseEntity.ok().eTag(etags.of(after)).body(after);
    }

    @Operation(operationId = "deleteService", summary = "Delete a service that never had an incident")
    @DeleteMapping("/{id}")
    @Transactional
    ResponseEntity<Void> delete(@PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Service before = etags.current("service", id, ifMatch, () -> services.find(id))
                .orElseThrow(() -> ServiceChanges.notFound(id));
        if (services.hasIncidents(id)) {
            throw new Conflict("Service " + id + " has incidents, which keep their history: disable its"
                    + " integrations instead of deleting it.");
        }
        Refusals.refusedBy("event_rule_route_service_fk", "Service " + id + " is where an event rule of another"
                + " integration routes alerts: change that rule's routeTo first.", () -> services.delete(id));
        audit.record(ResourceType.SERVICE, id, Action.DELETE, before, null);
        return ResponseEntity.noContent().build();
    }

    /**
     * The body of POST /api/v1/services/{id}/integrations; {@code key} keeps a key monitors already send (moving from
     * another tool), else Tocsin makes one.
     */
    record IntegrationSpec(@NotNull IntegrationType type, @NotBlank @Size(max = 200) String name,
            Map<String, String> settings,
            @Schema(description = "an existing key to keep, 32 letters and digits (e.g. a PagerDuty integration key);"
                    + " left out, Tocsin makes one")
            @Pattern(regexp = "[A-Za-z0-9]{32}", message = "must be 32 letters and digits, like the integration keys"
                    + " of PagerDuty; leave it out to get a new one") String key) {
    }

    /** A new integration, with its key: shown this once, Tocsin keeps only a hash. */
    record CreatedIntegration(Integration integration, String key) {
    }

    record IntegrationList(List<Integration> integrations) {
    }

    @Operation(operationId = "createIntegration", summary = "Add an integration; its key is in the answer, once")
    @PostMapping("/{id}/integrations")
    @Transactional
    ResponseEntity<CreatedIntegration> addIntegration(@PathVariable UUID id, @Valid @RequestBody IntegrationSpec spec) {
        services.find(id).orElseThrow(() -> ServiceChanges.notFound(id));
        Map<String, String> settings = IntegrationSettings.checked(spec.type(),
                spec.settings() == null ? Map.of() : spec.settings());
        String key = spec.key() == null ? SecretHash.generate() : spec.key();
        if (spec.key() != null && integrations.exists(key)) {
            throw new Conflict("'key' is already the key of an integration (or a rotated key still accepted): each"
                    + " key must lead to one service. Leave 'key' out to get a new one.");
        }
        Integration integration = integrations.create(id, spec.type(), spec.name(), settings, key);
        audit.record(ResourceType.INTEGRATION, integration.id(), Action.CREATE, null, integration);
        return ResponseEntity.created(URI.create("/api/v1/services/" + id + "/integrations/" + integration.id()))
                .body(new CreatedIntegration(integration, key));
    }

    @Operation(operationId = "getIntegration", summary = "Get an integration (without its key)")
    @GetMapping("/{id}/integrations/{integrationId}")
    ResponseEntity<Integration> integration(@PathVariable UUID id, @PathVariable UUID integrationId) {
        Integration integration = integrations.find(id, integrationId)
                .orElseThrow(() -> noIntegration(id, integrationId));
        return ResponseEntity.ok().eTag(etags.of(integration)).body(integration);
    }

    @Operation(operationId = "listIntegrations", summary = "List a service's integrations (without keys)")
    @GetMapping("/{id}/integrations")
    IntegrationList integrations(@PathVariable UUID id) {
        services.find(id).orElseThrow(() -> ServiceChanges.notFound(id));
        return new IntegrationList(integrations.list(id));
    }

    /** The body of PUT /api/v1/services/{id}/integrations/{integrationId}: the key stays as it is. */
    record IntegrationChange(@NotNull IntegrationType type, @NotBlank @Size(max = 200) String name,
            Map<String, String> settings) {
    }

    @Operation(operationId = "replaceIntegration",
            summary = "Change an integration's type, name and settings; its key and enabled state stay")
    @PutMapping("/{id}/integrations/{integrationId}")
    @Transactional
    ResponseEntity<Integration> replaceIntegration(@PathVariable UUID id, @PathVariable UUID integrationId,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody IntegrationChange change) {
        Integration before = etags.current("integration", integrationId, ifMatch,
                () -> integrations.find(id, integrationId)).orElseThrow(() -> noIntegration(id, integrationId));
        Map<String, String> settings = IntegrationSettings.checked(change.type(),
                change.settings() == null ? Map.of() : change.settings());
        Integration after = integrations.update(id, integrationId, change.type(), change.name(), settings)
                .orElseThrow();
        audit.record(ResourceType.INTEGRATION, integrationId, Action.UPDATE, before, after);
        log.info("integration={} changed type={}", integrationId, after.type());
        return ResponseEntity.ok().eTag(etags.of(after)).body(after);
    }

    /** Disables the integration: its key stops working at once; the record stays for the incidents' history. */
    @Operation(operationId = "deleteIntegration", summary = "Disable an integration (same as POST .../disable)")
    @DeleteMapping("/{id}/integrations/{integrationId}")
    @Transactional
    Integration deleteIntegration(@PathVariable UUID id, @PathVariable UUID integrationId,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return setEnabled(id, integrationId, ifMatch, false);
    }

    @Operation(operationId = "disableIntegration", summary = "Disable an integration: ingest refuses its key")
    @PostMapping("/{id}/integrations/{integrationId}/disable")
    @Transactional
    Integration disableIntegration(@PathVariable UUID id, @PathVariable UUID integrationId,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return setEnabled(id, integrationId, ifMatch, false);
    }

    @Operation(operationId = "enableIntegration", summary = "Enable a disabled integration: ingest accepts its key again")
    @PostMapping("/{id}/integrations/{integrationId}/enable")
    @Transactional
    Integration enableIntegration(@PathVariable UUID id, @PathVariable UUID integrationId,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return setEnabled(id, integrationId, ifMatch, true);
    }

    private Integration setEnabled(UUID id, UUID integrationId, String ifMatch, boolean enabled) {
        Integration before = etags.current("integration", integrationId, ifMatch,
                () -> integrations.find(id, integrationId)).orElseThrow(() -> noIntegration(id, integrationId));
        Integration after = integrations.setEnabled(id, integrationId, enabled).orElseThrow();
        audit.record(ResourceType.INTEGRATION, integrationId, Action.UPDATE, before, after);
        return after;
    }

    /** The body of POST .../rotate-key: until when the old key keeps working, so monitors can be moved over. */
    record KeyRotation(@Schema(description = "until when the old key is accepted too, e.g. 2026-03-02T12:00:00Z;"
            + " now or a past time ends it at once") @NotNull Instant oldKeyValidUntil) {
    }

    /** A rotated integration's new key, shown this once, and until when the old one works. */
    record RotatedKey(Integration integration, String key, Instant oldKeyValidUntil) {
    }

    @Operation(operationId = "rotateIntegrationKey",
            summary = "Give an integration a new key; the old one keeps working until oldKeyValidUntil")
    @PostMapping("/{id}/integrations/{integrationId}/rotate-key")
    @Transactional
    RotatedKey rotateKey(@PathVariable UUID id, @PathVariable UUID integrationId,
            @Valid @RequestBody KeyRotation rotation) {
        Integration before = etags.current("integration", integrationId, null,
                () -> integrations.find(id, integrationId)).orElseThrow(() -> noIntegration(id, integrationId));
        String key = SecretHash.generate();
        Integration after = integrations.rotateKey(id, integrationId, key, rotation.oldKeyValidUntil()).orElseThrow();
        audit.record(ResourceType.INTEGRATION, integrationId, Action.UPDATE, before, after);
        log.info("integration={} key rotated, old key valid until {}", integrationId, rotation.oldKeyValidUntil());
        return new RotatedKey(after, key, rotation.oldKeyValidUntil());
    }

    private static NotFound noIntegration(UUID id, UUID integrationId) {
        return new NotFound("Service " + id + " has no integration " + integrationId);
    }

    /** The body of POST /api/v1/services/{id}/maintenance-windows; {@code startsAt} defaults to now. */
    record MaintenanceSpec(Instant startsAt, @NotNull Instant endsAt, @Size(max = 500) String reason) {
    }

    record MaintenanceList(List<MaintenanceWindow> maintenanceWindows) {
    }

    @Operation(operationId = "createMaintenanceWindow", summary = "Add a maintenance window")
    @PostMapping("/{id}/maintenance-windows")
    @Transactional
    ResponseEntity<MaintenanceWindow> addMaintenance(@PathVariable UUID id, @Valid @RequestBody MaintenanceSpec spec) {
        services.find(id).orElseThrow(() -> ServiceChanges.notFound(id));
        Instant startsAt = spec.startsAt() == null ? clock.instant() : spec.startsAt();
        if (!spec.endsAt().isAfter(startsAt)) {
            throw new InvalidRequest("'endsAt' must be after 'startsAt' (" + startsAt + ")");
        }
        MaintenanceWindow window = services.addMaintenanceWindow(id, startsAt, spec.endsAt(), spec.reason());
        audit.record(ResourceType.MAINTENANCE_WINDOW, window.id(), Action.CREATE, null, window);
        return ResponseEntity.created(URI.create("/api/v1/services/" + id + "/maintenance-windows/" + window.id()))
                .body(window);
    }

    @Operation(operationId = "listMaintenanceWindows", summary = "List a service's current and future maintenance windows")
    @GetMapping("/{id}/maintenance-windows")
    MaintenanceList maintenance(@PathVariable UUID id) {
        services.find(id).orElseThrow(() -> ServiceChanges.notFound(id));
        return new MaintenanceList(services.maintenanceWindows(id, clock.instant()));
    }

    @Operation(operationId = "deleteMaintenanceWindow", summary = "End or cancel a maintenance window")
    @DeleteMapping("/{id}/maintenance-windows/{windowId}")
    @Transactional
    ResponseEntity<Void> endMaintenance(@PathVariable UUID id, @PathVariable UUID windowId) {
        MaintenanceWindow before = services.maintenanceWindows(id, clock.instant()).stream()
                .filter(window -> window.id().equals(windowId)).findFirst().orElse(null);
        if (!services.deleteMaintenanceWindow(id, windowId)) {
            throw new NotFound("Service " + id + " has no maintenance window " + windowId);
        }
        audit.record(ResourceType.MAINTENANCE_WINDOW, windowId, Action.DELETE, before, null);
        return ResponseEntity.noContent().build();
    }
}
