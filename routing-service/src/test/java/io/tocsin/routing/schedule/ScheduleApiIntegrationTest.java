package io.tocsin.routing.schedule;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.AdminApi;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Layered schedules over the admin API, as an admin builds a business-hours rota over a weekly one. */
@RoutingIntegrationTest
class ScheduleApiIntegrationTest {

    @Autowired
    AdminApi api;
    @Autowired
    MutableClock clock;

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
    void theShiftsOfAnIntervalNameWhoIsOnCallAndWhy() throws Exception {
        String ann = user("Ann");
        String ben = user("Ben");
        String id = ok(api.call("POST", "/api/v1/schedules", """
                {"name":"Shifts","timeZone":"Europe/London","rotations":[
                  {"name":"weekly","start":"2026-06-01T09:00","shiftLength":1,"shiftUnit":"WEEKS","participants":["%s"]},
                  {"name":"office","start":"2026-06-01T09:00","shiftLength":1,"shiftUnit":"DAYS","participants":["%s"],
                   "layer":2,"restrictions":[{"days":["MONDAY"],"start":"09:00","end":"17:00"}]}]}
                """.formatted(ann, ben)), 201).path("id").asString();

        JsonNode shifts = ok(api.call("GET", "/api/v1/schedules/" + id
                + "/shifts?from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z", null), 200).path("shifts");

        // London is UTC+1 in June; nobody is on call before the first hand-over at 09:00 BST
        assertThat(shifts).hasSize(2);
        assertThat(shifts.get(0).path("start").asString()).isEqualTo("2026-06-01T08:00:00Z");
        assertThat(shifts.get(0).path("end").asString()).isEqualTo("2026-06-01T16:00:00Z");
        assertThat(shifts.get(0).path("userName").asString()).isEqualTo("Ben");
        assertThat(shifts.get(0).path("source").path("layer").asInt()).isEqualTo(2);
        assertThat(shifts.get(0).path("source").path("rotation").asString()).isEqualTo("office");
        assertThat(shifts.get(1).path("start").asString()).isEqualTo("2026-06-01T16:00:00Z");
        assertThat(shifts.get(1).path("end").asString()).isEqualTo("2026-06-02T00:00:00Z");
        assertThat(shifts.get(1).path("userName").asString()).isEqualTo("Ann");

        JsonNode backwards = ok(api.call("GET", "/api/v1/schedules/" + id
                + "/shifts?from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z", null), 400);
        assertThat(backwards.path("detail").asString()).contains("'to' must be after 'from'");
    }

    @Test
    void aPersonSeesWhereTheyAreOnCallNowAndTheirNextShift() throws Exception {
        String ann = user("Ann");
        String ben = user("Ben");
        LocalDateTime anHourAgo = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MINUTES).minusHours(1);
        String id = ok(api.call("POST", "/api/v1/schedules", """
                {"name":"Daily","timeZone":"UTC","rotations":[
                  {"name":"daily","start":"%s","shiftLength":1,"shiftUnit":"DAYS","participants":["%s","%s"]}]}
                """.formatted(anHourAgo, ann, ben)), 201).path("id").asString();
        Instant handOver = anHourAgo.plusDays(1).toInstant(ZoneOffset.UTC);

        JsonNode annsView = ok(api.call("GET", "/api/v1/users/" + ann + "/on-call", null), 200);
        assertThat(annsView.path("schedules")).hasSize(1);
        JsonNode daily = annsView.path("schedules").get(0);
        assertThat(daily.path("scheduleId").asString()).isEqualTo(id);
        assertThat(daily.path("onCallNow").asBoolean()).isTrue();
        assertThat(Instant.parse(daily.path("current").path("end").asString())).isEqualTo(handOver);
        assertThat(Instant.parse(daily.path("next").path("start").asString())).isEqualTo(handOver.plus(Duration.ofDays(1)));

        JsonNode bensView = ok(api.call("GET", "/api/v1/users/" + ben + "/on-call", null), 200);
        assertThat(bensView.path("schedules").get(0).path("onCallNow").asBoolean()).isFalse();
        assertThat(bensView.path("schedules").get(0).path("current").isNull()).isTrue();
        assertThat(Instant.parse(bensView.path("schedules").get(0).path("next").path("start").asString()))
                .isEqualTo(handOver);

        assertThat(ok(api.call("GET", "/api/v1/users/" + user("Cat") + "/on-call", null), 200).path("schedules"))
                .isEmpty();
        ok(api.call("GET", "/api/v1/users/" + UUID.randomUUID() + "/on-call", null), 404);
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
