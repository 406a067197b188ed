package io.tocsin.routing.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.tocsin.routing.api.InvalidRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log over REST (admins only), newest first, paged by cursor. */
@RestController
@RequestMapping("/api/v1/audit-log")
class AuditLogController {

    private final AuditLog auditLog;

    AuditLogController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    /** A page of entries; pass {@code nextCursor} back as {@code cursor} for the next one (null: no more). */
    record AuditPage(List<AuditEntry> entries, String nextCursor) {
    }

    @Operation(operationId = "listAuditLog", summary = "List configuration changes, newest first (admins only)")
    @GetMapping
    AuditPage list(@RequestParam(required = false) AuditLog.ResourceType resourceType,
            @RequestParam(required = false) String resourceId,
            @Parameter(description = "only changes at or after this time, e.g. 2026-03-01T00:00:00Z")
            @RequestParam(required = false) Instant since,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        List<AuditEntry> page = auditLog.entries(resourceType, resourceId, since, cursor == null ? null : decode(cursor),
                limit + 1);
        if (page.size() <= limit) {
            return new AuditPage(page, null);
        }
        return new AuditPage(page.subList(0, limit), Long.toString(page.get(limit - 1).id()));
    }

    private static long decode(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new InvalidRequest("The cursor is not valid: pass back the nextCursor of a previous page unchanged.");
        }
    }
}
