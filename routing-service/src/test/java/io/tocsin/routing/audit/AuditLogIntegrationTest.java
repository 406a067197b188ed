package io.tocsin.routing.audit;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Every configuration change is in the audit log with who made it and the resource before and after. */
@RoutingIntegrationTest
class AuditLogIntegrationTest {

    @Autowired
    AdminApi api;
    @Autowired
    OnCall onCall;

    @Test
    void aServiceCreatedRenamedAndDeletedLeavesThreeEntriesNewestFirst() throws Exception {
        String id = ok(api.call("POST", "/api/v1/services", "{\"name\":\"Audited\"}"), 201).path("id").asString();
        ok(api.call("PUT", "/api/v1/services/" + id, "{\"name\":\"Audited again\"}"), 200);
        ok(api.call("DELETE", "/api/v1/services/" + id, null), 204);

        JsonNode entries = ok(api.call("GET", "/api/v1/audit-log?resourceType=SERVICE&resourceId=" + id, null), 200)
                .path("entries");
        assertThat(entries.valueStream().map(e -> e.path("action").asString())).containsExactly("DELETE", "UPDATE",
                "CREATE");
        JsonNode update = entries.get(1);
        assertThat(update.path("before").path("name").asString()).isEqualTo("Audited");
        assertThat(update.path("after").path("name").asString()).isEqualTo("Audited again");
        assertThat(update.path("actor").asString()).isEqualTo("api:admin");
        assertThat(update.path("tokenId").isNull()).isFalse();
        assertThat(entries.get(0).path("after").isNull()).isTrue();
        assertThat(entries.get(2).path("before").isNull()).isTrue();
    }

    @Test
    void maintenanceWindowsAddedAndEndedAreAudited() throws Exception {
        String service = ok(api.call("POST", "/api/v1/services", "{\"name\":\"Maintained\"}"), 201).path("id").asString();
        String window = ok(api.call("POST", "/api/v1/services/" + service + "/maintenance-windows",
                "{\"endsAt\":\"2099-01-01T00:00:00Z\",\"reason\":\"disk swap\"}"), 201).path("id").asString();
        ok(api.call("DELETE", "/api/v1/services/" + service + "/maintenance-windows/" + window, null), 204);

        JsonNode entries = ok(api.call("GET", "/api/v1/audit-log?resourceType=MAINTENANCE_WINDOW&resourceId=" + window,
                null), 200).path("entries");
        assertThat(entries.valueStream().map(e -> e.path("action").asString())).containsExactly("DELETE", "CREATE");
        assertThat(entries.get(0).path("before").path("reason").asString()).isEqualTo("disk swap");
        assertThat(entries.get(1).path("after").path("reason").asString()).isEqualTo("disk swap");
    }

    @Test
    void aRefusedChangeLeavesNoEntryAndPagesFollowTheCursor() throws Exception {
        String user = ok(api.call("POST", "/api/v1/users", "{\"name\":\"Audit target\"}"), 201).path("id").asString();
        ok(api.call("POST", "/api/v1/escalation-policies", "{\"name\":\"keeps\",\"levels\":[{\"delay\":\"PT5M\","
                + "\"targets\":[{\"type\":\"USER\",\"id\":\"" + user + "\"}]}]}"), 201);
        ok(api.call("DELETE", "/api/v1/users/" + user, null), 409);
        String phone = ok(api.call("POST", "/api/v1/users/" + user + "/contact-methods",
                "{\"channel\":\"SMS\",\"address\":\"+12015550151\"}"), 201).path("id").asString();
        ok(api.call("DELETE", "/api/v1/users/" + user + "/contact-methods/" + phone, null), 204);

        List<String> actions = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = ok(api.call("GET", "/api/v1/audit-log?limit=1&resourceId=" + phone
                    + (cursor == null ? "" : "&cursor=" + cursor), null), 200);
            page.path("entries").forEach(entry -> actions.add(entry.path("resourceType").asString() + " "
                    + entry.path("action").asString()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
        } while (cursor != null);
        assertThat(actions).containsExactly("CONTACT_METHOD DELETE", "CONTACT_METHOD CREATE");
        JsonNode userEntries = ok(api.call("GET", "/api/v1/audit-log?resourceId=" + user, null), 200).path("entries");
        assertThat(userEntries.valueStream().map(e -> e.path("action").asString())).containsExactly("CREATE");
    }

    @Test
    void scheduleChangesAndTheirOverridesAreAuditedAndARefusedDeleteIsNot() throws Exception {
        String ann = onCall.responder("Ann").id().toString();
        String ben = onCall.responder("Ben").id().toString();
        String rotation = "{\"name\":\"weekly\",\"start\":\"2026-03-02T09:00\",\"shiftLength\":1,\"shiftUnit\":\"WEEKS\","
                + "\"participants\":[\"" + ann + "\"]}";
        String id = ok(api.call("POST", "/api/v1/schedules",
                "{\"name\":\"Audited rota\",\"timeZone\":\"UTC\",\"rotations\":[" + rotation + "]}"), 201)
                .path("id").asString();
        String schedule = "/api/v1/schedules/" + id;
        ok(api.call("PUT", schedule, "{\"name\":\"Audited rota 2\",\"timeZone\":\"UTC\",\"rotations\":[" + rotation
                + "]}"), 200);
        String override = ok(api.call("POST", schedule + "/overrides", "{\"userId\":\"" + ben + "\",\"replacesUserId\":\""
                + ann + "\",\"startsAt\":\"2030-03-03T00:00:00Z\",\"endsAt\":\"2030-03-04T00:00:00Z\"}"), 201)
                .path("id").asString();
        ok(api.call("DELETE", schedule + "/overrides/" + override, null), 204);
        String policy = ok(api.call("POST", "/api/v1/escalation-policies", "{\"name\":\"rota policy\",\"levels\":[{"
                + "\"delay\":\"PT5M\",\"targets\":[{\"type\":\"SCHEDULE\",\"id\":\"" + id + "\"}]}]}"),
                201).path("id").asString();
        ok(api.call("DELETE", schedule, null), 409);
        ok(api.call("DELETE", "/api/v1/escalation-policies/" + policy, null), 204);
        ok(api.call("DELETE", schedule, null), 204);

        JsonNode entries = ok(api.call("GET", "/api/v1/audit-log?resourceType=SCHEDULE&resourceId=" + id,
                null), 200).path("entries");
        assertThat(entries.valueStream().map(e -> e.path("action").asString())).containsExactly("DELETE", "UPDATE",
                "CREATE");
        assertThat(entries.get(1).path("before").path("name").asString()).isEqualTo("Audited rota");
        assertThat(entries.get(1).path("after").path("name").asString()).isEqualTo("Audited rota 2");
        assertThat(entries.get(0).path("before").path("rotations").get(0).path("participants").get(0).asString())
                .isEqualTo(ann);
        JsonNode overrideEntries = ok(api.call("GET", "/api/v1/audit-log?resourceType=SCHEDULE_OVERRIDE&resourceId="
                + override, null), 200).path("entries");
        assertThat(overrideEntries.valueStream().map(e -> e.path("action").asString())).containsExactly("DELETE",
                "CREATE");
        assertThat(overrideEntries.get(0).path("before").path("userId").asString()).isEqualTo(ben);
        assertThat(overrideEntries.get(1).path("after").path("replacesUserId").asString()).isEqualTo(ann);
    }

    @Test
    void onlyAdminsReadTheAuditLog() throws Exception {
        String readOnly = ok(api.call("POST", "/api/v1/api-tokens", "{\"name\":\"auditor\",\"role\":\"READ_ONLY\"}"), 201)
                .path("token").asString();
        ok(api.call(readOnly, "GET", "/api/v1/audit-log", null), 403);
        assertThat(ok(api.call("GET", "/api/v1/audit-log?resourceType=SCHEDULES", null), 400).path("detail").asString())
                .contains("'resourceType' must be one of USER, CONTACT_METHOD");
    }
}
