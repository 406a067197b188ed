package io.tocsin.routing.schedule;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.AdminApi;
import io.tocsin.routing.RoutingIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Layered schedules over the admin API, as an admin builds a business-hours rota over a weekly one. */
@RoutingIntegrationTest
class ScheduleApiIntegrationTest {

    @Autowired
    AdminApi api;

    private String user(String name) throws Exception {
        return ok(api.call("POST", "/api/v1/users", "{\"name\":\"" + name + "\"}"), 201).path("id").asString();
    }

    private String names(JsonNode onCall) {
        StringBuilder names = new StringBuilder();
        onCall.path("users").forEach(user -> names.append(user.path("name").asString()).append(' '));
        return names.toString().trim();
    }

    @Test
    void businessHoursOnALayerAboveTheWeeklyRotaWinInsideTheirWindowOnly() throws Exception {
        String ann = user("Ann");
        String ben = user("Ben");
        JsonNode schedule = ok(api.call("POST", "/api/v1/schedules", """
                {"name":"Layered","timeZone":"America/New_York","rotations":[
                  {"name":"weekly","start":"2026-06-01T09:00","shiftLength":1,"shiftUnit":"WEEKS","participants":["%s"]},
                  {"name":"office","start":"2026-06-01T09:00","shiftLength":1,"shiftUnit":"DAYS","participants":["%s"],
                   "layer":2,"restrictions":[{"days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],
                                              "start":"09:00","end":"17:00"}]}]}
                """.formatted(ann, ben)), 201);
        assertThat(schedule.path("rotations").get(0).path("layer").asInt()).isEqualTo(1);
        assertThat(schedule.path("rotations").get(0).path("restrictions")).isEmpty();
        assertThat(schedule.path("rotations").get(1).path("layer").asInt()).isEqualTo(2);
        assertThat(schedule.path("rotations").get(1).path("restrictions").get(0).path("start").asString())
                .isEqualTo("09:00:00");
        assertThat(schedule.path("rotations").get(1).path("restrictions").get(0).path("days")).hasSize(5);
        String onCall = "/api/v1/schedules/" + schedule.path("id").asString() + "/on-call?at=";

        // New York is UTC-4 in June: office hours are 13:00Z to 21:00Z
        assertThat(names(ok(api.call("GET", onCall + "2026-06-02T12:59:59Z", null), 200))).isEqualTo("Ann");
        assertThat(names(ok(api.call("GET", onCall + "2026-06-02T13:00:00Z", null), 200))).isEqualTo("Ben");
        assertThat(names(ok(api.call("GET", onCall + "2026-06-02T21:00:00Z", null), 200))).isEqualTo("Ann");
        assertThat(names(ok(api.call("GET", onCall + "2026-06-06T15:00:00Z", null), 200))).isEqualTo("Ann");
    }

    @Test
    void aRestrictionWithoutDaysSaysWhatToFix() throws Exception {
        String ann = user("Ann");
        JsonNode problem = ok(api.call("POST", "/api/v1/schedules", """
                {"name":"Bad","timeZone":"Europe/London","rotations":[
                  {"name":"r","start":"2026-06-01T09:00","shiftLength":1,"shiftUnit":"DAYS","participants":["%s"],
                   "layer":0,"restrictions":[{"days":[],"start":"09:00","end":"17:00"}]}]}
                """.formatted(ann)), 400);
        assertThat(problem.path("detail").asString()).contains("layer").contains("days");
    }
}
