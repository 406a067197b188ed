package io.tocsin.routing.api;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Two admins editing the same thing: the one who read an older version gets a 412 instead of overwriting. */
@RoutingIntegrationTest
class ETagIntegrationTest {

    @Autowired
    AdminApi api;
    @Autowired
    OnCall onCall;

    private static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    @Test
    void aStaleServiceEditIsRefusedAndAFreshOneGoesThrough() throws Exception {
        String service = "/api/v1/services/" + ok(api.call("POST", "/api/v1/services", "{\"name\":\"Shared\"}"), 201)
                .path("id").asString();
        String read = etag(api.call("GET", service, null));

        HttpResponse<String> first = api.callIfMatch("PUT", service, "{\"name\":\"Shared by Ann\"}", read);
        ok(first, 200);
        assertThat(etag(first)).isNotEqualTo(read).isEqualTo(etag(api.call("GET", service, null)));
        JsonNode stale = ok(api.callIfMatch("PUT", service, "{\"name\":\"Shared by Ben\"}", read), 412);
        assertThat(stale.path("detail").asString()).contains("changed since you read it", etag(first), "If-Match");
        ok(api.callIfMatch("DELETE", service, null, read), 412);
        assertThat(ok(api.call("GET", service, null), 200).path("name").asString()).isEqualTo("Shared by Ann");

        ok(api.callIfMatch("DELETE", service, null, etag(first)), 204);
    }

    @Test
    void aScheduleEditedFromAStaleReadIsRefused() throws Exception {
        String user = onCall.responder("Rota").id().toString();
        String body = "{\"name\":\"%s\",\"timeZone\":\"UTC\",\"rotations\":[{\"name\":\"daily\",\"start\":"
                + "\"2026-03-02T09:00\",\"shiftLength\":1,\"shiftUnit\":\"DAYS\",\"participants\":[\"" + user + "\"]}]}";
        String schedule = "/api/v1/schedules/" + ok(api.call("POST", "/api/v1/schedules", body.formatted("Rota")), 201)
                .path("id").asString();
        String read = etag(api.call("GET", schedule, null));
        assertThat(read).matches("\"[0-9a-f]{32}\"");

        HttpResponse<String> first = api.callIfMatch("PUT", schedule, body.formatted("Rota by Ann"), read);
        ok(first, 200);
        assertThat(etag(first)).isNotEqualTo(read).isEqualTo(etag(api.call("GET", schedule, null)));
        HttpResponse<String> stale = api.callIfMatch("PUT", schedule, body.formatted("Rota by Ben"), read);
        assertThat(ok(stale, 412).path("detail").asString()).contains("schedule", etag(first));
        assertThat(etag(stale)).as("a 412 carries the current ETag").isEqualTo(etag(first));
        ok(api.callIfMatch("DELETE", schedule, null, read), 412);
        assertThat(ok(api.call("GET", schedule, null), 200).path("name").asString()).isEqualTo("Rota by Ann");

        ok(api.callIfMatch("DELETE", schedule, null, etag(first)), 204);
        ok(api.call("GET", schedule, null), 404);
    }

    @Test
    void policiesUsersAndIntegrationsCarryETagsThatIfMatchChecks() throws Exception {
        String user = "/api/v1/users/" + onCall.responder("Tagged").id();
        String policy = "/api/v1/escalation-policies/" + onCall.policy(0).id();
        String integrations = "/api/v1/services/" + onCall.service(null).id() + "/integrations";
        String integration = integrations + "/" + ok(api.call("POST", integrations, "{\"type\":\"GENERIC\",\"name\":\"g\"}"),
                201).path("integration").path("id").asString();

        for (String resource : new String[] {user, policy, integration}) {
            assertThat(etag(api.call("GET", resource, null))).matches("\"[0-9a-f]{32}\"");
        }
        String enabled = etag(api.call("GET", integration, null));
        ok(api.callIfMatch("POST", integration + "/disable", null, enabled), 200);
        ok(api.callIfMatch("POST", integration + "/enable", null, enabled), 412);
        ok(api.callIfMatch("DELETE", user, null, "\"0123456789abcdef0123456789abcdef\""), 412);
        ok(api.callIfMatch("DELETE", user, null, etag(api.call("GET", user, null))), 204);
        ok(api.callIfMatch("DELETE", policy, null, "*"), 204);
    }
}
