package io.tocsin.routing.statuspage;

import io.swagger.v3.oas.annotations.Operation;
import io.tocsin.routing.api.Conflict;
import io.tocsin.routing.api.ETags;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.audit.AuditLog;
import io.tocsin.routing.audit.AuditLog.Action;
import io.tocsin.routing.audit.AuditLog.ResourceType;
import io.tocsin.routing.api.Caller;
import io.tocsin.routing.service.Services;
import io.tocsin.routing.statuspage.StatusUpdates.UpdateSpec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Status pages over REST: admins create them; responders post what readers should know. */
@RestController
@RequestMapping("/api/v1/status-pages")
class StatusPageController {

    private static final Logger log = LoggerFactory.getLogger(StatusPageController.class);

    private final StatusPages pages;
    private final StatusBoard board;
    private final StatusUpdates updates;
    private final Services services;
    private final AuditLog audit;
    private final ETags etags;
    private final Clock clock;

    StatusPageController(StatusPages pages, StatusBoard board, StatusUpdates updates, Services services,
            AuditLog audit, ETags etags, Clock clock) {
        this.pages = pages;
        this.board = board;
        this.updates = updates;
        this.services = services;
        this.audit = audit;
        this.etags = etags;
        this.clock = clock;
    }

    /** The body of POST and PUT: the page is public at /status/{slug} and shows these services' states, in this order. */
    record StatusPageSpec(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}",
                    message = "must be lower-case letters, digits and dashes (at most 63), e.g. 'acme-api'") String slug,
            @NotBlank @Size(max = 200) String title,
            @NotEmpty @Size(max = 50) List<@NotNull UUID> serviceIds) {
    }

    record StatusPageList(List<StatusPage> statusPages) {
    }

    @Operation(operationId = "createStatusPage", summary = "Create a public status page showing the state of chosen services")
    @PostMapping
    @Transactional
    ResponseEntity<StatusPage> create(@Valid @RequestBody StatusPageSpec spec) {
        checked(spec, null);
        StatusPage page = pages.create(spec.slug(), spec.title(), spec.serviceIds(), clock.instant());
        audit.record(ResourceType.STATUS_PAGE, page.id(), Action.CREATE, null, page);
        board.refresh();
        log.info("status page={} slug={} created", page.id(), page.slug());
        return ResponseEntity.created(URI.create("/api/v1/status-pages/" + page.id())).body(page);
    }

    @Operation(operationId = "listStatusPages", summary = "List the status pages")
    @GetMapping
    StatusPageList list() {
        return new StatusPageList(pages.list());
    }

    @Operation(operationId = "getStatusPage", summary = "Get a status page")
    @GetMapping("/{id}")
    ResponseEntity<StatusPage> get(@PathVariable UUID id) {
        StatusPage page = updates.find(id);
        return ResponseEntity.ok().eTag(etags.of(page)).body(page);
    }

    @Operation(operationId = "replaceStatusPage", summary = "Change a status page's slug, title or services; its"
            + " posted updates stay")
    @PutMapping("/{id}")
    @Transactional
    ResponseEntity<StatusPage> replace(@PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody StatusPageSpec spec) {
        StatusPage before = etags.current("status page", id, ifMatch, () -> pages.find(id))
                .orElseThrow(() -> StatusUpdates.notFound(id));
        checked(spec, id);
        StatusPage after = pages.replace(id, spec.slug(), spec.title(), spec.serviceIds());
        audit.record(ResourceType.STATUS_PAGE, id, Action.UPDATE, before, after);
        board.refresh();
        log.info("status page={} slug={} changed", id, after.slug());
        return ResponseEntity.ok().eTag(etags.of(after)).body(after);
    }

    @Operation(operationId = "deleteStatusPage", summary = "Delete a status page and its posted updates")
    @DeleteMapping("/{id}")
    @Transactional
    ResponseEntity<Void> delete(@PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        StatusPage before = etags.current("status page", id, ifMatch, () -> pages.find(id))
                .orElseThrow(() -> StatusUpdates.notFound(id));
        pages.delete(id);
        audit.record(ResourceType.STATUS_PAGE, id, Action.DELETE, before, null);
        board.refresh();
        log.info("status page={} slug={} deleted", id, before.slug());
        return ResponseEntity.noContent().build();
    }

    /** A 409 or 400 unless the slug is free (but for the page {@code id}) and the services are there, each once. */
    private void checked(StatusPageSpec spec, UUID id) {
        if (pages.slugTaken(spec.slug(), id)) {
            throw new Conflict("A status page already has the slug '" + spec.slug() + "': choose another address");
        }
        if (spec.serviceIds().stream().distinct().count() != spec.serviceIds().size()) {
            throw new InvalidRequest("'serviceIds' lists a service twice");
        }
        spec.serviceIds().forEach(serviceId -> services.find(serviceId)
                .orElseThrow(() -> new InvalidRequest("'serviceIds': no service has id " + serviceId)));
    }

    @Operation(operationId = "postStatusUpdate",
            summary = "Post an update to a status page's readers (\"We are investigating…\"); responders may too")
    @PostMapping("/{id}/updates")
    @Transactional
    ResponseEntity<StatusUpdate> post(@PathVariable UUID id, @Valid @RequestBody UpdateSpec spec,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return ResponseEntity.status(HttpStatus.CREATED).body(updates.post(id, caller.actorName(), spec));
    }
}
