package io.tocsin.routing.console;

import static io.tocsin.routing.AdminApi.ok;
import static io.tocsin.routing.OnCall.level;
import static io.tocsin.routing.console.ConsoleClient.csrf;
import static io.tocsin.routing.console.ConsoleClient.etag;
import static io.tocsin.routing.console.ConsoleClient.form;
import static io.tocsin.routing.console.ConsoleClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * An integration's event rules in the console: shown as they apply, saved as the API's PUT saves them (compiled,
 * audited, conditional on the ETag) and refused with the API's words; only admins get the form.
 */
@RoutingIntegrationTest
class RuleConsoleIntegrationTest {

    @Autowired
    OnCall onCall;
    @Autowired
    AdminApi api;
    @Autowired
    ConsoleClient console;

    private User hana;
    private Service web;
    private Service databases;
    private String page;
    private String rules;

    @BeforeEach
    void anIntegrationWithOneRule() throws Exception {
        hana = onCall.responder("Hana");
        web = onCall.service(onCall.policy(0, level(Duration.ofMinutes(5), hana)));
        databases = onCall.service(onCall.policy(0, level(Duration.ofMinutes(5), hana)));
        JsonNode created = ok(api.call("POST", "/api/v1/services/" + web.id() + "/integrations",
                "{\"type\":\"ALERTMANAGER\",\"name\":\"prometheus\"}"), 201);
        UUID integrationId = UUID.fromString(created.path("integration").path("id").asString());
        rules = "/api/v1/services/" + web.id() + "/integrations/" + integrationId + "/rules";
        page = "/ui/services/" + web.id() + "/integrations/" + integrationId + "/rules";
        ok(api.call("PUT", rules, """
                [{"when": "alert.labels.team == 'db'", "then": {"routeTo": "%s", "urgency": "LOW"}}]"""
                .formatted(databases.id())), 200);
    }

    private static String saving(String shown, String rules) {
        return form("_csrf", csrf(shown), "etag", etag(shown), "rules", rules);
    }

    @Test
    void anAdminSeesTheRulesFromTheServicePageAndSavesThemAsThroughTheApi() throws Exception {
        String cookie = console.signIn(RoutingIntegrationTest.ADMIN_TOKEN);
        assertThat(console.get("/ui/services/" + web.id(), cookie).body()).contains("href=\"" + page + "\"");
        String shown = console.get(page, cookie).body();
        assertThat(text(shown)).contains("alert.labels.team == 'db'", "route to " + databases.name(), "urgency LOW");
        assertThat(shown).contains("id=\"rules-form\"");

        HttpResponse<String> saved = console.post(page, cookie, saving(shown, """
                [{"when": "alert.source.startsWith('canary-')", "then": {"suppress": true}},
                 {"when": "alert.summary.contains('[test]')", "then": {"drop": true}}]"""));

        assertThat(saved.statusCode()).isEqualTo(302);
        JsonNode stored = ok(api.call("GET", rules, null), 200);
        assertThat(stored.values()).extracting(rule -> rule.path("when").asString())
                .containsExactly("alert.source.startsWith('canary-')", "alert.summary.contains('[test]')");
        assertThat(text(console.get(page, cookie).body())).contains("suppress;", "drop");
        assertThat(ok(api.call("GET", "/api/v1/audit-log?resourceType=EVENT_RULES&resourceId="
                + rules.split("/")[6], null), 200).path("entries").values()).hasSize(2);
    }

    @Test
    void aRefusedChangeShowsTheApisMessageKeepsWhatWasTypedAndChangesNothing() throws Exception {
        String cookie = console.signIn(RoutingIntegrationTest.ADMIN_TOKEN);
        String shown = console.get(page, cookie).body();
        JsonNode before = ok(api.call("GET", rules, null), 200);
        String typo = "[{\"when\": \"alert.sorce == 'x'\", \"then\": {\"urgency\": \"LOW\"}}]";

        HttpResponse<String> badExpression = console.post(page, cookie, saving(shown, typo));
        HttpResponse<String> notJson = console.post(page, cookie, saving(shown, "[{\"when\": "));

        assertThat(badExpression.statusCode()).isEqualTo(400);
        assertThat(text(badExpression.body())).contains("rule 1 'when' (alert.sorce == 'x'): undefined field 'sorce'"
                + " at line 1, column 6");
        assertThat(HtmlUtils.htmlUnescape(badExpression.body())).contains(typo);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(text(notJson.body())).contains("The rules are not a JSON list of rules");
        assertThat(ok(api.call("GET", rules, null), 200)).isEqualTo(before);
    }

    @Test
    void aChangeMadeSinceThePageWasReadIsNotOverwritten() throws Exception {
        String cookie = console.signIn(RoutingIntegrationTest.ADMIN_TOKEN);
        String shown = console.get(page, cookie).body();
        ok(api.call("PUT", rules, "[]"), 200);

        HttpResponse<String> stale = console.post(page, cookie, saving(shown,
                "[{\"when\": \"true\", \"then\": {\"urgency\": \"LOW\"}}]"));

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(text(stale.body())).contains("changed since you read it");
        assertThat(ok(api.call("GET", rules, null), 200).values()).isEmpty();
    }

    @Test
    void aReadOnlyTokenSeesTheRulesWithoutTheFormAndIsRefusedAsByTheApi() throws Exception {
        String cookie = console.signIn("READ_ONLY", hana);
        String shown = console.get(page, cookie).body();
        assertThat(shown).doesNotContain("id=\"rules-form\"");
        assertThat(text(shown)).contains("alert.labels.team == 'db'");

        HttpResponse<String> refused = console.post(page, cookie, form("_csrf", csrf(shown), "etag", "*",
                "rules", "[]"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(ok(api.call("GET", rules, null), 200).values()).hasSize(1);
    }
}
