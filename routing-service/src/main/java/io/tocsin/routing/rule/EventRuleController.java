package io.tocsin.routing.rule;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.api.ETags;
import io.tocsin.routing.rule.CompiledRules.Evaluation;
import io.tocsin.routing.service.Integration;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.service.Services;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An integration's event rules over REST: read, replace (compiled first, audited, conditional on the ETag), try. */
@RestController
@RequestMapping("/api/v1/services/{serviceId}/integrations/{integrationId}/rules")
class EventRuleController {

    private final EventRules rules;
    private final EventRuleChanges changes;
    private final Services services;
    private final ETags etags;
    private final Clock clock;

    EventRuleController(EventRules rules, EventRuleChanges changes, Services services, ETags etags, Clock clock) {
        this.rules = rules;
        this.changes = changes;
        this.services = services;
        this.etags = etags;
        this.clock = clock;
    }

    @Operation(operationId = "getEventRules", summary = "Get an integration's event rules, in the order they apply")
    @GetMapping
    ResponseEntity<List<EventRule>> get(@PathVariable UUID serviceId, @PathVariable UUID integrationId) {
        List<EventRule> current = changes.rules(serviceId, integrationId);
        return ResponseEntity.ok().eTag(etags.of(current)).body(current);
    }

    @Operation(operationId = "replaceEventRules", summary = "Replace an integration's event rules",
            description = "The first rule whose 'when' holds applies, or all that hold with \"continue\": true."
                    + " Every expression is compiled now: one that does not compile is a 400 naming the rule, the"
                    + " error and its line and column. An empty list removes the rules.")
    @PutMapping
    ResponseEntity<List<EventRule>> replace(@PathVariable UUID serviceId, @PathVariable UUID integrationId,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody List<EventRule> replacement) {
        List<EventRule> after = changes.replace(serviceId, integrationId, ifMatch, replacement);
        return ResponseEntity.ok().eTag(etags.of(after)).body(after);
    }

    /** The body of POST …/rules/test. */
    record RuleTest(
            @Schema(description = "a sample alert, as ingest normalizes it (routing cannot read monitors' own"
                    + " formats: their normalizers live in ingest)")
            @NotNull @Valid SampleAlert alert,
            @Schema(description = "rules to try instead of the saved ones (nothing is saved)")
            List<EventRule> rules) {
    }

    /** An alert as ingest normalizes every monitor's payload; the integration gives its type. */
    record SampleAlert(
            @Schema(description = "trigger (default), acknowledge or resolve")
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES) AlertAction action,
            String summary, String source,
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES) Severity severity,
            String dedupKey,
            @Schema(description = "details; labels as details.labels, as ingest puts Alertmanager's and Grafana's")
            Map<String, Object> details) {
    }

    /** What the rules made of the sample alert. */
    record RuleTestResult(
            @Schema(description = "the numbers (from 1) of the rules whose condition held") List<Integer> matched,
            @Schema(description = "true: a rule dropped it (counted, not stored)") boolean dropped,
            @Schema(description = "the alert as it would be applied; absent when dropped") RuledSample alert,
            @Schema(description = "conditions or dedup keys that could not be evaluated (such a condition does not"
                    + " hold)") List<String> errors) {
    }

    /** The sample alert as the rules left it, and how its incident would page. */
    record RuledSample(UUID serviceId, String serviceName, String dedupKey, Severity severity, Urgency urgency,
            @Schema(description = "the rule that suppresses it, if one does") String suppressedBy) {
    }

    @Operation(operationId = "testEventRules", summary = "Try event rules on a sample alert; nothing is stored",
            description = "Answers which rules matched and what the alert became. The sample is an alert as ingest"
                    + " normalizes it (summary, source, severity, dedupKey, details), not the monitor's own payload.")
    @PostMapping("/test")
    RuleTestResult test(@PathVariable UUID serviceId, @PathVariable UUID integrationId,
            @Valid @RequestBody RuleTest test) {
        Integration integration = changes.integration(serviceId, integrationId);
        CompiledRules trying = test.rules() == null ? rules.current(integrationId) : CompiledRules.compile(test.rules());
        SampleAlert sample = test.alert();
        Instant now = clock.instant();
        AlertEvent alert = new AlertEvent(UUID.randomUUID(), AlertEvent.SCHEMA_VERSION,
                Objects.requireNonNullElse(sample.action(), AlertAction.TRIGGER), serviceId, integrationId,
                integration.type().name(), Objects.requireNonNullElse(sample.dedupKey(), "sample"), sample.summary(),
                sample.severity(), sample.source(), sample.details() == null ? Map.of() : sample.details(), null, now,
                now);
        Evaluation evaluation = trying.evaluate(alert);
        if (evaluation.dropped()) {
            return new RuleTestResult(evaluation.matched(), true, null, evaluation.errors());
        }
        RuledAlert ruled = evaluation.ruled();
        Service service = services.find(ruled.alert().serviceId()).orElse(null);
        Urgency urgency = ruled.urgency() != null || service == null ? ruled.urgency() : service.urgency();
        return new RuleTestResult(evaluation.matched(), false, new RuledSample(ruled.alert().serviceId(),
                service == null ? null : service.name(), ruled.alert().dedupKey(), ruled.alert().severity(), urgency,
                ruled.suppressedBy()), evaluation.errors());
    }

}
