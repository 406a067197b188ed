package io.tocsin.routing.api;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Text PostgreSQL cannot hold and times past year 9999 are a 400 naming the field, wherever they are sent. */
@RoutingIntegrationTest
class StorableInputIntegrationTest {

    private static final String NUL = "\\u0000";
    private static final String FAR_FUTURE = "+999999999-12-31T23:59:59Z";

    @Autowired
    AdminApi api;
    @Autowired
    OnCall onCall;

    @Test
    void aNulInAnyNameIsRefusedWithAProblemNamingTheField() throws Exception {
        String user = onCall.responder("Nul").id().toString();
        String service = "/api/v1/services/" + onCall.service(null).id();
        String statusPage = ok(api.call("POST", "/api/v1/status-pages", "{\"slug\":\"nul-page\",\"title\":\"t\","
                + "\"serviceIds\":[\"" + onCall.service(null).id() + "\"]}"), 201).path("id").asString();
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("/api/v1/users", "{\"name\":\"a" + NUL + "b\"}");
        bodies.put("/api/v1/teams", "{\"name\":\"ops" + NUL + "\"}");
        bodies.put("/api/v1/services", "{\"name\":\"" + NUL + "\"}");
        bodies.put("/api/v1/schedules", "{\"name\":\"s" + NUL + "\",\"timeZone\":\"UTC\",\"rotations\":[]}");
        bodies.put("/api/v1/users/" + user + "/contact-methods", "{\"channel\":\"CONSOLE\",\"address\":\"x" + NUL + "\"}");
        bodies.put("/api/v1/status-pages/" + statusPage + "/updates", "{\"message\":\"down" + NUL + "\"}");
        bodies.put(service + "/maintenance-windows", "{\"endsAt\":\"2030-01-01T00:00:00Z\",\"reason\":\"" + NUL + "\"}");
        bodies.put("/api/v1/api-tokens", "{\"name\":\"" + NUL + "\",\"role\":\"ADMIN\"}");
        bodies.put(service + "/integrations", "{\"type\":\"GENERIC\",\"name\":\"g\",\"settings\":{\"rate-limit.burst"
                + NUL + "\":\"1\"}}");

        bodies.forEach((path, body) -> {
            JsonNode problem = call("POST", path, body, 400);
            assertThat(problem.path("detail").asString()).as(path).contains("must not contain the NUL character");
        });
        assertThat(call("POST", "/api/v1/users", "{\"name\":\"a" + NUL + "b\"}", 400).path("detail").asString())
                .startsWith("'name' must not contain");
        assertThat(ok(api.call("GET", "/api/v1/teams", null), 200).path("teams").findValuesAsString("name"))
                .doesNotContain("ops");
    }

    @Test
    void timesPastYear9999AndDurationsOverACenturyAreRefusedInBodiesAndParameters() throws Exception {
        String schedule = "/api/v1/schedules/" + onCall.dailyRotation(onCall.responder("Far"));
        String service = "/api/v1/services/" + onCall.service(null).id();
        String integration = ok(api.call("POST", service + "/integrations", "{\"type\":\"GENERIC\",\"name\":\"far\"}"),
                201).path("integration").path("id").asString();
        String user = onCall.responder("Farther").id().toString();

        assertThat(call("GET", schedule + "/on-call?at=%2B999999999-12-31T23:59:59Z", null, 400).path("detail")
                .asString()).isEqualTo("'at' must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        assertThat(call("POST", schedule + "/overrides", "{\"userId\":\"" + user + "\",\"startsAt\":"
                + "\"2030-01-01T00:00:00Z\",\"endsAt\":\"" + FAR_FUTURE + "\"}", 400).path("detail").asString())
                .startsWith("'endsAt' must be between");
        call("POST", service + "/maintenance-windows", "{\"endsAt\":\"" + FAR_FUTURE + "\"}", 400);
        call("POST", service + "/integrations/" + integration + "/rotate-key",
                "{\"oldKeyValidUntil\":\"" + FAR_FUTURE + "\"}", 400);
        assertThat(call("POST", "/api/v1/schedules", "{\"name\":\"far\",\"timeZone\":\"UTC\",\"rotations\":[{\"name\":"
                + "\"r\",\"start\":\"+999999999-12-31T00:00:00\",\"shiftLength\":1,\"shiftUnit\":\"DAYS\","
                + "\"participants\":[\"" + user + "\"]}]}", 400).path("detail").asString())
                .isEqualTo("'rotations[0].start' must be between 0001-01-01T00:00 and 9999-12-31T23:59");
        assertThat(call("POST", "/api/v1/services", "{\"name\":\"slow\",\"ackTimeout\":\"PT9999999999999H\"}", 400)
                .path("detail").asString()).startsWith("'ackTimeout' must be at most P36500D");
        assertThat(call("GET", "/api/v1/audit-log?resourceId=a%00b", null, 400).path("detail").asString())
                .startsWith("'resourceId' must not contain the NUL character");
    }

    private JsonNode call(String method, String path, String body, int status) {
        try {
            return ok(api.call(method, path, body), status);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
