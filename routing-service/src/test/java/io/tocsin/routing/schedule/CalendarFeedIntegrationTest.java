package io.tocsin.routing.schedule;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.AdminApi;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.testkit.MutableClock;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Calendar feeds as a calendar app reads them: a secret URL, no bearer token, revocable. */
@RoutingIntegrationTest
class CalendarFeedIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    AdminApi api;
    @Autowired
    MutableClock clock;

    /** Fetched as a calendar app does: a plain GET, no Authorization header. */
    private HttpResponse<String> fetch(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<VEvent> events(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/calendar"));
        Calendar calendar = new CalendarBuilder().build(new StringReader(response.body()));
        return calendar.getComponents("VEVENT");
    }

    private static String summary(VEvent event) {
        return event.getSummary().getValue();
    }

    @Test
    void aScheduleFeedListsItsShiftsToAnyoneWithTheUrlUntilItIsReplacedOrRevoked() throws Exception {
        // a long name with the characters RFC 5545 escapes: the feed must fold and escape it
        String owl = "Ann, the \"night\"; owl of the very long on-call name that no calendar line can hold in 75 octets";
        String ann = ok(api.call("POST", "/api/v1/users", "{\"name\":\"" + owl.replace("\"", "\\\"") + "\"}"), 201)
                .path("id").asString();
        String ben = ok(api.call("POST", "/api/v1/users", "{\"name\":\"Ben\"}"), 201).path("id").asString();
        LocalDateTime aDayAgo = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS)
                .minusDays(1);
        String schedule = ok(api.call("POST", "/api/v1/schedules", """
                {"name":"Feed","timeZone":"UTC","rotations":[
                  {"name":"weekly","start":"%s","shiftLength":1,"shiftUnit":"WEEKS","participants":["%s","%s"]}]}
                """.formatted(aDayAgo, ann, ben)), 201).path("id").asString();

        String url = ok(api.call("POST", "/api/v1/schedules/" + schedule + "/feed", null), 201).path("url").asString();
        assertThat(url).matches("http://localhost:\\d+/feeds/[0-9a-f]{32}\\.ics");

        HttpResponse<String> feed = fetch(url);
        assertThat(feed.body()).contains("\r\n ").contains("\\,").contains("\\;");
        List<VEvent> events = events(feed);
        // a week ago to 60 days ahead: the rotation began a day ago, so 9 weekly turns (the last cut at day 60)
        assertThat(events).hasSize(9);
        assertThat(summary(events.getFirst())).isEqualTo("On call: " + owl);
        assertThat(summary(events.get(1))).isEqualTo("On call: Ben");
        assertThat(events.getFirst().getDateTimeStart().getValue()).isEqualTo(
                aDayAgo.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")) + "Z");

        String replaced = ok(api.call("POST", "/api/v1/schedules/" + schedule + "/feed", null), 201).path("url")
                .asString();
        assertThat(fetch(url).statusCode()).isEqualTo(404);
        assertThat(events(fetch(replaced))).hasSize(9);

        ok(api.call("DELETE", "/api/v1/schedules/" + schedule + "/feed", null), 204);
        assertThat(fetch(replaced).statusCode()).isEqualTo(404);
        ok(api.call("DELETE", "/api/v1/schedules/" + schedule + "/feed", null), 404);
    }

    @Test
    void aPersonsFeedListsTheirShiftsInEverySchedule() throws Exception {
        String cat = ok(api.call("POST", "/api/v1/users", "{\"name\":\"Cat\"}"), 201).path("id").asString();
        LocalDateTime anHourAgo = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS)
                .minusHours(1);
        for (String name : List.of("Primary", "Secondary")) {
            ok(api.call("POST", "/api/v1/schedules", """
                    {"name":"%s","timeZone":"UTC","rotations":[
                      {"name":"r","start":"%s","shiftLength":30,"shiftUnit":"DAYS","participants":["%s"]}]}
                    """.formatted(name, anHourAgo, cat)), 201);
        }

        String url = ok(api.call("POST", "/api/v1/users/" + cat + "/feed", null), 201).path("url").asString();

        // one person's back-to-back turns are merged: one event per schedule, cut at 60 days ahead
        assertThat(events(fetch(url))).extracting(CalendarFeedIntegrationTest::summary)
                .containsExactlyInAnyOrder("On call: Primary", "On call: Secondary");
        assertThat(api.call("POST", "/api/v1/users/" + cat + "/feed", null).statusCode()).isEqualTo(201);
        assertThat(fetch(url).statusCode()).isEqualTo(404);
    }

    @Test
    void twoFetchesOnOneDayGiveTheSameCalendarEndingAtADayBoundary() throws Exception {
        String dan = ok(api.call("POST", "/api/v1/users", "{\"name\":\"Dan\"}"), 201).path("id").asString();
        ok(api.call("POST", "/api/v1/schedules", """
                {"name":"Steady","timeZone":"UTC","rotations":[
                  {"name":"r","start":"2020-01-01T00:00","shiftLength":1000,"shiftUnit":"DAYS","participants":["%s"]}]}
                """.formatted(dan)), 201);
        String url = ok(api.call("POST", "/api/v1/users/" + dan + "/feed", null), 201).path("url").asString();

        String first = fetch(url).body();
        Instant now = clock.instant();
        // later the same day, in whole seconds: the shared clock keeps the microseconds PostgreSQL stores
        clock.advance(Duration.between(now, now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1))).dividedBy(2)
                .truncatedTo(ChronoUnit.SECONDS));
        HttpResponse<String> second = fetch(url);

        assertThat(second.body()).isEqualTo(first);
        assertThat(events(second).getFirst().getDateTimeEnd().getValue())
                .isEqualTo(now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(61)).toString().replace("-", "")
                        .replace(":", ""));
    }

    @Test
    void makingAFeedStillNeedsTheAdminToken() throws Exception {
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(api.url(
                "/api/v1/users/00000000-0000-0000-0000-000000000000/feed"))).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(fetch(api.url("/feeds/00000000000000000000000000000000.ics")).statusCode()).isEqualTo(404);
    }
}
