package io.tocsin.routing.auth;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Tokens with roles: an admin issues them, each does what its role allows and gets a 403 saying why otherwise. */
@RoutingIntegrationTest
class ApiTokenRolesIntegrationTest {

    @Autowired
    AdminApi api;
    @Autowired
    OnCall onCall;

    private JsonNode issue(String body) throws Exception {
        return ok(api.call("POST", "/api/v1/api-tokens", body), 201);
    }

    @Test
    void aReadOnlyTokenReadsButChangesNothing() throws Exception {
        JsonNode issued = issue("{\"name\":\"dashboard\",\"role\":\"READ_ONLY\"}");
        String token = issued.path("token").asString();

        ok(api.call(token, "GET", "/api/v1/services", null), 200);
        JsonNode refused = ok(api.call(token, "POST", "/api/v1/services", "{\"name\":\"nope\"}"), 403);
        assertThat(refused.path("detail").asString()).contains("READ_ONLY", "only read", "POST /api/v1/services",
                "ADMIN token");
        assertThat(ok(api.call(token, "GET", "/api/v1/api-tokens", null), 403).path("detail").asString())
                .contains("needs an ADMIN token");

        JsonNode listed = ok(api.call("GET", "/api/v1/api-tokens", null), 200);
        assertThat(listed.toString()).doesNotContain(token);
        JsonNode dashboard = listed.path("apiTokens").valueStream()
                .filter(t -> t.path("id").asString().equals(issued.path("apiToken").path("id").asString()))
                .findFirst().orElseThrow();
        assertThat(dashboard.path("role").asString()).isEqualTo("READ_ONLY");
        assertThat(dashboard.path("lastUsedAt").isNull()).isFalse();
    }

    @Test
    void aResponderActsOnIncidentsAndTheirOwnSettingsOnly() throws Exception {
        User responder = onCall.responder("Resa");
        User colleague = onCall.responder("Col");
        assertThat(ok(api.call("POST", "/api/v1/api-tokens", "{\"name\":\"resa\",\"role\":\"RESPONDER\"}"), 400)
                .path("detail").asString()).contains("'userId' is required for a RESPONDER token");
        String token = issue("{\"name\":\"resa's phone\",\"role\":\"RESPONDER\",\"userId\":\"" + responder.id() + "\"}")
                .path("token").asString();

        Service service = onCall.service(onCall.policy(0, OnCall.level(Duration.ofMinutes(5), colleague),
                OnCall.level(Duration.ofMinutes(5), responder)));
        onCall.trigger(service, "responder-acts", "Responder acts");
        UUID incident = onCall.awaitIncident(service, "responder-acts");
        ok(api.call(token, "POST", "/api/v1/incidents/" + incident + "/escalate", null), 200);
        ok(api.call(token, "POST", "/api/v1/incidents/" + incident + "/acknowledge", null), 200);
        assertThat(onCall.timelineMessages(incident)).contains("escalation requested by " + responder.name()
                + " via API", "acknowledged by " + responder.name() + " via API");

        String own = "/api/v1/users/" + responder.id();
        String phone = ok(api.call(token, "POST", own + "/contact-methods",
                "{\"channel\":\"SMS\",\"address\":\"+12015550141\"}"), 201).path("id").asString();
        ok(api.call(token, "POST", own + "/notification-rules",
                "{\"contactMethodId\":\"" + phone + "\",\"urgency\":\"HIGH\",\"delay\":\"PT0S\"}"), 201);
        JsonNode notTheirs = ok(api.call(token, "POST", "/api/v1/users/" + colleague.id() + "/contact-methods",
                "{\"channel\":\"SMS\",\"address\":\"+12015550142\"}"), 403);
        assertThat(notTheirs.path("detail").asString()).contains("role RESPONDER", "its user's own contact methods",
                "needs an ADMIN token");
        for (String detour : new String[] {own + "/contact-methods/../../" + colleague.id() + "/contact-methods",
                "/api/v1/users/" + colleague.id() + ";x=" + responder.id() + "/contact-methods"}) {
            assertThat(api.call(token, "POST", detour, "{\"channel\":\"SMS\",\"address\":\"+12015550143\"}")
                    .statusCode()).isIn(400, 403);
        }
        assertThat(ok(api.call("GET", "/api/v1/users/" + colleague.id() + "/contact-methods", null), 200)
                .path("contactMethods")).isEmpty();
        ok(api.call(token, "DELETE", "/api/v1/users/" + responder.id(), null), 403);
        ok(api.call(token, "POST", "/api/v1/api-tokens", "{\"name\":\"x\",\"role\":\"ADMIN\"}"), 403);

        UUID theirRota = onCall.dailyRotation(responder, colleague);
        UUID otherRota = onCall.dailyRotation(colleague);
        String override = "{\"userId\":\"" + responder.id() + "\",\"replacesUserId\":\"" + colleague.id()
                + "\",\"startsAt\":\"2030-01-01T00:00:00Z\",\"endsAt\":\"2030-01-02T00:00:00Z\"}";
        ok(api.call(token, "POST", "/api/v1/schedules/" + theirRota + "/overrides", override), 201);
        ok(api.call(token, "POST", "/api/v1/schedules/" + otherRota + "/overrides", override), 403);
    }

    @Test
    void aRevokedTokenStopsWorking() throws Exception {
        JsonNode issued = issue("{\"name\":\"temporary\",\"role\":\"ADMIN\"}");
        String token = issued.path("token").asString();
        ok(api.call(token, "GET", "/api/v1/users", null), 200);

        ok(api.call("DELETE", "/api/v1/api-tokens/" + issued.path("apiToken").path("id").asString(), null), 204);

        assertThat(ok(api.call(token, "GET", "/api/v1/users", null), 401).path("detail").asString())
                .contains("revoked");
        ok(api.call("DELETE", "/api/v1/api-tokens/" + UUID.randomUUID(), null), 404);
    }
}
