package io.tocsin.routing.rule;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.routing.api.InvalidRequest;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checks event rules without saving them anywhere: what a configuration file's rules would be refused for, so that a
 * whole file can be refused before anything changes.
 */
@RestController
class EventRuleCheckController {

    /** The body of POST /api/v1/event-rules/check. */
    record RuleCheck(@Schema(description = "the rules as PUT …/integrations/{id}/rules takes them; 'routeTo' is not"
            + " looked up") @NotNull List<EventRule> rules) {
    }

    /** What is wrong with one rule, as saving it would say. */
    record RuleProblem(@Schema(description = "the rule's number, from 1") int rule,
            @Schema(description = "the field: when or then.dedupKey for an expression, else absent") String field,
            String message) {
    }

    record RuleCheckResult(@Schema(description = "empty when every rule would be saved") List<RuleProblem> problems) {
    }

    @Operation(operationId = "checkEventRules", summary = "Check event rules (their CEL expressions first) without"
            + " saving them", description = "Answers every rule's problem, each with its number and field, as"
            + " replacing an integration's rules would refuse them; an empty list means they would be saved.")
    @PostMapping("/api/v1/event-rules/check")
    RuleCheckResult check(@RequestBody RuleCheck check) {
        if (check == null || check.rules() == null) {
            throw new InvalidRequest("'rules' is required: the list of rules to check");
        }
        List<EventRule> rules = check.rules();
        CompiledRules.checkCount(rules.size());
        List<RuleProblem> problems = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            try {
                // one at a time, so that each rule's problem is told and not only the first
                CompiledRules.compile(Collections.singletonList(rules.get(i)));
            } catch (InvalidRequest refused) {
                // compiled alone, every rule is "rule 1"; the message goes on with what is wrong
                String message = refused.getMessage().replaceFirst("^rule 1:? ?", "");
                problems.add(new RuleProblem(i + 1, field(message), message));
            }
        }
        return new RuleCheckResult(problems);
    }

    private static String field(String message) {
        if (message.startsWith("'then.dedupKey'")) {
            return "then.dedupKey";
        }
        return message.startsWith("'when'") ? "when" : null;
    }
}
