package io.tocsin.routing.rule;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.AdminApi;
import io.tocsin.routing.RoutingIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Rules are checked without being saved: each rule's problem with its number and field, or none. */
@RoutingIntegrationTest
class EventRuleCheckIntegrationTest {

    @Autowired
    AdminApi api;

    @Test
    void eachBadRuleIsNamedWithItsFieldAndGoodRulesHaveNoProblem() throws Exception {
        JsonNode problems = ok(api.call("POST", "/api/v1/event-rules/check", """
                {"rules": [
                  {"when": "alert.source == 'db-1'", "then": {"urgency": "LOW"}},
                  {"when": "alert.source ==", "then": {"suppress": true}},
                  {"when": "true", "then": {"dedupKey": "alert.labels.cluster +"}},
                  {"when": "true", "then": {}}
                ]}"""), 200).path("problems");

        assertThat(problems.valueStream().map(p -> p.path("rule").asInt())).containsExactly(2, 3, 4);
        assertThat(problems.get(0).path("field").asString()).isEqualTo("when");
        assertThat(problems.get(0).path("message").asString()).contains("line 1");
        assertThat(problems.get(1).path("field").asString()).isEqualTo("then.dedupKey");
        assertThat(problems.get(2).path("field").isMissingNode() || problems.get(2).path("field").isNull()).isTrue();
        assertThat(problems.get(2).path("message").asString()).contains("at least one action");

        assertThat(ok(api.call("POST", "/api/v1/event-rules/check", """
                {"rules": [{"when": "alert.severity == 'critical'", "then": {"urgency": "HIGH"}}]}"""), 200)
                .path("problems").isEmpty()).isTrue();
        assertThat(ok(api.call("POST", "/api/v1/event-rules/check", "{}"), 400).path("detail").asString())
                .contains("rules");
    }
}
