package io.tocsin.routing.team;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** An admin sets up teams, gives services, schedules and policies to them, and lists one team's things. */
@RoutingIntegrationTest
class TeamApiIntegrationTest {

    @Autowired
    AdminApi api;
    @Autowired
    OnCall onCall;

    private String team(String name) throws Exception {
        return ok(api.call("POST", "/api/v1/teams", "{\"name\":\"" + name + "\"}"), 201).path("id").asString();
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 6);
    }

    private static String names(JsonNode list) {
        return list.valueStream().map(item -> item.path("name").asString()).toList().toString();
    }

    @Test
    void aTeamIsCreatedRenamedUnderItsETagAndDeletedWithEveryChangeAudited() throws Exception {
        String name = unique("Payments");
        String id = team(name);
        assertThat(ok(api.call("POST", "/api/v1/teams", "{\"name\":\"" + name.toUpperCase() + "\"}"), 409)
                .path("detail").asString()).contains("exists already", id);
        assertThat(names(ok(api.call("GET", "/api/v1/teams", null), 200).path("teams"))).contains(name);

        HttpResponse<String> read = api.call("GET", "/api/v1/teams/" + id, null);
        assertThat(ok(read, 200).path("name").asString()).isEqualTo(name);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> renamed = api.callIfMatch("PUT", "/api/v1/teams/" + id, "{\"name\":\"" + name + " EU\"}", etag);
        assertThat(ok(renamed, 200).path("name").asString()).isEqualTo(name + " EU");
        ok(api.callIfMatch("PUT", "/api/v1/teams/" + id, "{\"name\":\"stale\"}", etag), 412);
        ok(api.callIfMatch("DELETE", "/api/v1/teams/" + id, null, etag), 412);
        ok(api.callIfMatch("DELETE", "/api/v1/teams/" + id, null, renamed.headers().firstValue("ETag").orElseThrow()),
                204);
        ok(api.call("GET", "/api/v1/teams/" + id, null), 404);

        JsonNode entries = ok(api.call("GET", "/api/v1/audit-log?resourceType=TEAM&resourceId=" + id, null), 200)
                .path("entries");
        assertThat(entries.valueStream().map(e -> e.path("action").asString())).containsExactly("DELETE", "UPDATE",
                "CREATE");
        assertThat(entries.get(1).path("before").path("name").asString()).isEqualTo(name);
        assertThat(entries.get(1).path("after").path("name").asString()).isEqualTo(name + " EU");
    }

    @Test
    void servicesSchedulesAndPoliciesBelongToATeamThatCannotGoWhileItOwnsThem() throws Exception {
        String team = team(unique("Checkout"));
        String other = team(unique("Search"));
        String user = onCall.responder("Tess").id().toString();
        String schedule = ok(api.call("POST", "/api/v1/schedules", """
                {"name":"Checkout primary","timeZone":"Europe/Berlin","teamId":"%s","rotations":[
                  {"name":"weekly","start":"2026-03-02T09:00","shiftLength":1,"shiftUnit":"WEEKS","participants":["%s"]}]}
                """.formatted(team, user)), 201).path("id").asString();
        JsonNode policy = ok(api.call("POST", "/api/v1/escalation-policies", """
                {"name":"Checkout policy","teamId":"%s","levels":[{"delay":"PT5M","targets":[{"type":"SCHEDULE","id":"%s"}]}]}
                """.formatted(team, schedule)), 201);
        JsonNode service = ok(api.call("POST", "/api/v1/services", """
                {"name":"Checkout API","teamId":"%s","escalationPolicyId":"%s"}
                """.formatted(team, policy.path("id").asString())), 201);
        ok(api.call("POST", "/api/v1/services", "{\"name\":\"Search API\",\"teamId\":\"" + other + "\"}"), 201);
        ok(api.call("POST", "/api/v1/services", "{\"name\":\"Nobody's\"}"), 201);

        assertThat(policy.path("teamId").asString()).isEqualTo(team);
        assertThat(service.path("teamId").asString()).isEqualTo(team);
        assertThat(ok(api.call("GET", "/api/v1/schedules/" + schedule, null), 200).path("teamId").asString())
                .isEqualTo(team);
        assertThat(names(ok(api.call("GET", "/api/v1/services?teamId=" + team, null), 200).path("services")))
                .isEqualTo("[Checkout API]");
        assertThat(names(ok(api.call("GET", "/api/v1/schedules?teamId=" + team, null), 200).path("schedules")))
                .isEqualTo("[Checkout primary]");
        assertThat(names(ok(api.call("GET", "/api/v1/escalation-policies?teamId=" + team, null), 200)
                .path("escalationPolicies"))).isEqualTo("[Checkout policy]");
        assertThat(names(ok(api.call("GET", "/api/v1/services", null), 200).path("services")))
                .contains("Checkout API", "Search API", "Nobody's");

        String detail = ok(api.call("DELETE", "/api/v1/teams/" + team, null), 409).path("detail").asString();
        assertThat(detail).contains("service 'Checkout API'", "schedule 'Checkout primary'",
                "escalation policy 'Checkout policy'");

        ok(api.call("PUT", "/api/v1/services/" + service.path("id").asString(), """
                {"name":"Checkout API","teamId":"%s","escalationPolicyId":"%s"}
                """.formatted(other, policy.path("id").asString())), 200);
        assertThat(names(ok(api.call("GET", "/api/v1/services?teamId=" + other, null), 200).path("services")))
                .isEqualTo("[Checkout API, Search API]");
        assertThat(ok(api.call("DELETE", "/api/v1/teams/" + team, null), 409).path("detail").asString())
                .doesNotContain("service").contains("schedule 'Checkout primary'");
    }

    @Test
    void anUnknownTeamIsNamedInThe400() throws Exception {
        String missing = UUID.randomUUID().toString();
        String user = onCall.responder("Uma").id().toString();
        for (String[] request : new String[][] {
                {"/api/v1/services", "{\"name\":\"s\",\"teamId\":\"" + missing + "\"}"},
                {"/api/v1/escalation-policies", "{\"name\":\"p\",\"teamId\":\"" + missing + "\",\"levels\":[{\"delay\":"
                        + "\"PT5M\",\"targets\":[{\"type\":\"USER\",\"id\":\"" + user + "\"}]}]}"},
                {"/api/v1/schedules", "{\"name\":\"s\",\"timeZone\":\"UTC\",\"teamId\":\"" + missing + "\",\"rotations\":"
                        + "[{\"name\":\"r\",\"start\":\"2026-03-02T09:00\",\"shiftLength\":1,\"shiftUnit\":\"DAYS\","
                        + "\"participants\":[\"" + user + "\"]}]}"}}) {
            assertThat(ok(api.call("POST", request[0], request[1]), 400).path("detail").asString())
                    .as(request[0]).contains("'teamId'", missing);
        }
    }

    @Test
    void onlyAdminsManageTeams() throws Exception {
        String token = ok(api.call("POST", "/api/v1/api-tokens", "{\"name\":\"viewer\",\"role\":\"READ_ONLY\"}"), 201)
                .path("token").asString();
        String id = team(unique("Ops"));

        ok(api.call(token, "GET", "/api/v1/teams/" + id, null), 200);
        assertThat(ok(api.call(token, "POST", "/api/v1/teams", "{\"name\":\"sneaky\"}"), 403).path("detail").asString())
                .contains("READ_ONLY", "needs an ADMIN token");
        ok(api.call(token, "DELETE", "/api/v1/teams/" + id, null), 403);
        ok(api.call("GET", "/api/v1/teams/" + id, null), 200);
    }
}
