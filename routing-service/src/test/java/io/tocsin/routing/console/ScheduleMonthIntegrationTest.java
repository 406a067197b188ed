package io.tocsin.routing.console;

import static io.tocsin.routing.console.ConsoleClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.user.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A schedule's month calendar: the week view's final shifts, by local day, around a daylight-saving change. */
@RoutingIntegrationTest
class ScheduleMonthIntegrationTest {

    @Autowired
    OnCall onCall;
    @Autowired
    AdminApi api;
    @Autowired
    ConsoleClient console;

    /** Who the day's cell shows on call: "00:00–03:00 Ben 03:00–24:00 Ann". */
    private static String day(String page, String date) {
        int cell = page.indexOf("data-day=\"" + date + "\"");
        assertThat(cell).as("a cell for " + date).isPositive();
        int next = page.indexOf("data-day=", cell + 1);
        int end = next < 0 ? page.indexOf("</main>") : page.lastIndexOf('<', next);
        return text(page.substring(page.indexOf("</h3>", cell), end));
    }

    @Test
    void theMonthShowsWhoIsOnCallOnTheDayNewYorkSpringsForwardWithOverrides() throws Exception {
        User ann = onCall.responder("Ann");
        User ben = onCall.responder("Ben");
        String id = ScheduleAndDirectoryBrowserIntegrationTest.newYorkNights(api, ann, ben);
        // Ben covers Ann's Sunday morning; 13:00-16:00 UTC is 09:00-12:00 EDT
        AdminApi.ok(api.call("POST", "/api/v1/schedules/" + id + "/overrides", """
                {"userId": "%s", "replacesUserId": "%s", "startsAt": "2026-03-08T13:00:00Z",
                 "endsAt": "2026-03-08T16:00:00Z"}""".formatted(ben.id(), ann.id())), 201);
        String cookie = console.signIn("READ_ONLY", ann);

        String march = console.get("/ui/schedules/" + id + "/month?month=2026-03", cookie).body();

        assertThat(day(march, "2026-03-07")).isEqualTo("00:00–02:30 " + ann.name() + " 02:30–24:00 "
                + ben.name());
        assertThat(day(march, "2026-03-08")).isEqualTo("00:00–03:00 " + ben.name() + " 03:00–09:00 "
                + ann.name() + " 09:00–12:00 " + ben.name() + " 12:00–24:00 " + ann.name());
        // the weeks around the month are whole: Monday 23 February to Sunday 5 April
        assertThat(march).contains("data-day=\"2026-02-23\"", "data-day=\"2026-04-05\"")
                .doesNotContain("data-day=\"2026-02-22\"", "data-day=\"2026-04-06\"");
        assertThat(march).contains("month=2026-02", "month=2026-04", "/ui/schedules/" + id + "?week=2026-03-01");

        String week = console.get("/ui/schedules/" + id + "?week=2026-03-08", cookie).body();
        assertThat(week).contains("/ui/schedules/" + id + "/month?month=2026-03");
        assertThat(day(week, "2026-03-08")).isEqualTo(day(march, "2026-03-08"));
    }
}
