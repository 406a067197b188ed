package io.tocsin.routing.rule;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Urgency;
import java.util.UUID;

/**
 * One event rule of an integration: when its condition (a CEL expression over {@code alert}) holds, its actions apply;
 * the first rule that holds ends the list unless it says {@code continue}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An event rule: when 'when' holds for an alert, 'then' applies")
public record EventRule(
        @Schema(description = "A CEL expression over the variable alert (summary, source, severity, dedupKey,"
                + " integrationType, action, labels, details) that is true or false",
                example = "alert.labels.team == 'db' && alert.severity in ['critical', 'error']")
        String when,
        Actions then,
        @Schema(description = "true: the rules after this one are tried too when it holds; false (default): it is the"
                + " last that applies")
        @JsonProperty("continue")
        Boolean continues) {

    /** Whether the rules after this one are tried when it holds. */
    boolean triesNext() {
        return Boolean.TRUE.equals(continues);
    }

    /** What a rule does to an alert; only what is given changes. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "What the rule does; give at least one. drop excludes the others.")
    public record Actions(
            @Schema(description = "the service whose incident and policy the alert goes to, instead of the"
                    + " integration's own (its acknowledge and resolve follow it)")
            UUID routeTo,
            @Schema(description = "the incident's urgency instead of the service's")
            Urgency urgency,
            @Schema(description = "the alert's severity; case does not matter")
            @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_VALUES)
            Severity severity,
            @Schema(description = "true: the incident is stored, suppressed and visible, and pages nobody")
            Boolean suppress,
            @Schema(description = "a CEL expression of type string over alert that builds the dedup key",
                    example = "alert.labels.cluster + '/' + alert.labels.alertname")
            String dedupKey,
            @Schema(description = "true: the alert is counted (tocsin.rules.dropped) and not stored")
            Boolean drop) {

        boolean suppresses() {
            return Boolean.TRUE.equals(suppress);
        }

        boolean drops() {
            return Boolean.TRUE.equals(drop);
        }
    }
}
