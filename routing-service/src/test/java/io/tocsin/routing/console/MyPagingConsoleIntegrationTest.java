package io.tocsin.routing.console;

import static io.tocsin.routing.AdminApi.ok;
import static io.tocsin.routing.console.ConsoleClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.Channel;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.ContactMethod;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A person signed in with their password runs their own paging from /ui/me: incidents, calendar feed, rules. */
@RoutingIntegrationTest
class MyPagingConsoleIntegrationTest {

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern FEED_URL = Pattern.compile("<code id=\"feed-url\">([^<]+)</code>");

    @Autowired
    AdminApi api;
    @Autowired
    OnCall onCall;
    @Autowired
    ConsoleClient console;
    @Autowired
    MutableClock clock;

    /** A responder who signs in with a password and is paged by SMS at once; their session cookie. */
    private record Person(User user, ContactMethod sms, String cookie) {
    }

    private Person signedIn(String name, String role) throws Exception {
        User user = onCall.responder(name);
        String email = "me-" + user.id() + "@example.com";
        ok(api.call("PUT", "/api/v1/users/" + user.id(), """
                {"name": "%s", "email": "%s"}""".formatted(user.name(), email)), 200);
        ok(api.call("PUT", "/api/v1/users/" + user.id() + "/sign-in", """
                {"role": "%s", "password": "%s"}""".formatted(role, PASSWORD)), 200);
        ContactMethod sms = onCall.pages(user, Channel.SMS, "+15550001" + (int) (Math.random() * 900 + 100),
                Duration.ZERO);
        HttpResponse<String> signIn = console.post("/ui/sign-in/password", null, form("email", email,
                "password", PASSWORD, "next", "/ui/me"));
        assertThat(signIn.statusCode()).isEqualTo(303);
        return new Person(user, sms, ConsoleClient.cookie(signIn));
    }

    private String page(Person person) throws Exception {
        HttpResponse<String> page = console.get("/ui/me", person.cookie());
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    private UUID pagedIncident(User whom, String key) {
        Service service = onCall.service(onCall.policy(0, OnCall.level(Duration.ofMinutes(5), whom)));
        onCall.trigger(service, key, "Disk full on " + key);
        UUID incident = onCall.awaitIncident(service, key);
        onCall.awaitPage(incident, whom, Channel.SMS);
        return incident;
    }

    @Test
    void myIncidentsAreThoseThatPagedMeAndIAcknowledgeAndResolveThemAsMyself() throws Exception {
        Person maya = signedIn("Maya", "RESPONDER");
        UUID mine = pagedIncident(maya.user(), "my-disk");
        User other = onCall.responder("Other");
        onCall.pages(other, Channel.SMS, "+15550009999", Duration.ZERO);
        UUID someoneElses = pagedIncident(other, "their-disk");

        String page = page(maya);
        assertThat(page).contains("data-incident=\"" + mine + "\"", "Disk full on my-disk")
                .doesNotContain(someoneElses.toString());

        HttpResponse<String> acknowledged = console.post("/ui/incidents/" + mine + "/acknowledge", maya.cookie(),
                form("_csrf", ConsoleClient.csrf(page)));
        assertThat(acknowledged.statusCode()).isEqualTo(302);
        assertThat(onCall.timelineMessages(mine)).contains("acknowledged by " + maya.user().name() + " via WEB_CONSOLE");
        assertThat(ConsoleClient.text(page(maya))).contains("ACKNOWLEDGED Disk full on my-disk");

        console.post("/ui/incidents/" + mine + "/resolve", maya.cookie(), form("_csrf", ConsoleClient.csrf(page)));
        assertThat(onCall.timelineMessages(mine)).contains("resolved by " + maya.user().name() + " via WEB_CONSOLE");
        // resolved incidents stay a week, without buttons
        String resolved = page(maya);
        assertThat(ConsoleClient.text(resolved)).contains("RESOLVED Disk full on my-disk");
        assertThat(resolved).doesNotContain("/ui/incidents/" + mine + "/resolve");
        clock.advance(Duration.ofDays(8));
        assertThat(page(maya)).doesNotContain(mine.toString()).contains("Nothing has paged you lately.");
    }

    @Test
    void aReadOnlyPersonSeesTheirIncidentsWithoutButtonsAndStillSetsWhenTheyArePaged() throws Exception {
        Person reader = signedIn("Reader", "READ_ONLY");
        UUID incident = pagedIncident(reader.user(), "read-only-disk");
        String page = page(reader);
        assertThat(page).contains("data-incident=\"" + incident + "\"")
                .doesNotContain("/ui/incidents/" + incident + "/acknowledge");
        // the server refuses what the missing button would do
        assertThat(console.post("/ui/incidents/" + incident + "/acknowledge", reader.cookie(),
                form("_csrf", ConsoleClient.csrf(page))).statusCode()).isEqualTo(403);
        // their own paging is theirs to set, as their password is
        assertThat(console.post("/ui/me/notification-rules", reader.cookie(), form("_csrf", ConsoleClient.csrf(page),
                "urgency", "LOW", "delayMinutes", "0", "contactMethodId", reader.sms().id().toString())).statusCode())
                .isEqualTo(302);
        assertThat(rules("/api/v1/users/" + reader.user().id() + "/notification-rules"))
                .extracting(r -> r.path("urgency").asString()).containsExactly("HIGH", "LOW");
    }

    @Test
    void myCalendarFeedIsMadeReplacedAndRevokedFromMyPage() throws Exception {
        Person ravi = signedIn("Ravi", "RESPONDER");
        onCall.dailyRotation(ravi.user());
        String page = page(ravi);
        assertThat(page).contains("You have no calendar feed.");

        HttpResponse<String> made = console.post("/ui/me/feed", ravi.cookie(), form("_csrf", ConsoleClient.csrf(page)));
        assertThat(made.statusCode()).isEqualTo(200);
        String first = feedUrl(made.body());
        HttpResponse<String> calendar = console.get(first.substring(first.indexOf("/feeds/")), null);
        assertThat(calendar.statusCode()).isEqualTo(200);
        assertThat(calendar.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/calendar"));
        assertThat(calendar.body()).contains("BEGIN:VCALENDAR", "X-WR-CALNAME:" + ravi.user().name() + " on call",
                "SUMMARY:On call: schedule ");
        // the link is shown once; afterwards the page says there is one
        assertThat(page(ravi)).contains("You have a feed, made").doesNotContain(first);

        String second = feedUrl(console.post("/ui/me/feed", ravi.cookie(), form("_csrf", ConsoleClient.csrf(page)))
                .body());
        assertThat(second).isNotEqualTo(first);
        assertThat(console.get(first.substring(first.indexOf("/feeds/")), null).statusCode()).isEqualTo(404);
        assertThat(console.get(second.substring(second.indexOf("/feeds/")), null).statusCode()).isEqualTo(200);

        assertThat(console.post("/ui/me/feed/revoke", ravi.cookie(), form("_csrf", ConsoleClient.csrf(page)))
                .statusCode()).isEqualTo(302);
        HttpResponse<String> gone = console.get(second.substring(second.indexOf("/feeds/")), null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("/ui/me");
        assertThat(page(ravi)).contains("You have no calendar feed.");
        // the admin API's feed of the user is the same feed
        ok(api.call("POST", "/api/v1/users/" + ravi.user().id() + "/feed", null), 201);
        assertThat(page(ravi)).contains("You have a feed, made");
    }

    private static String feedUrl(String page) {
        Matcher url = FEED_URL.matcher(page);
        assertThat(url.find()).as("the feed's link on the page").isTrue();
        return url.group(1);
    }

    @Test
    void myNotificationRulesAreAddedChangedAndDeletedAsTheApiWouldAndRefusalsSayWhy() throws Exception {
        Person lena = signedIn("Lena", "RESPONDER");
        String rulesPath = "/api/v1/users/" + lena.user().id() + "/notification-rules";
        String csrf = ConsoleClient.csrf(page(lena));
        String sms = lena.sms().id().toString();

        HttpResponse<String> forged = console.post("/ui/me/notification-rules", lena.cookie(), form(
                "urgency", "LOW", "delayMinutes", "5", "contactMethodId", sms));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(rules(rulesPath)).hasSize(1);
        HttpResponse<String> added = console.post("/ui/me/notification-rules", lena.cookie(), form("_csrf", csrf,
                "urgency", "LOW", "delayMinutes", "5", "contactMethodId", sms));
        assertThat(added.statusCode()).isEqualTo(302);
        JsonNode rule = rule(rulesPath, "LOW");
        assertThat(rule.path("delay").asString()).isEqualTo("PT5M");
        assertThat(rule.path("contactMethod").path("id").asString()).isEqualTo(sms);
        assertThat(page(lena)).contains("data-rule=\"" + rule.path("id").asString() + "\"");

        HttpResponse<String> twice = console.post("/ui/me/notification-rules", lena.cookie(), form("_csrf", csrf,
                "urgency", "LOW", "delayMinutes", "5", "contactMethodId", sms));
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(ConsoleClient.text(twice.body())).contains("already has a rule paging SMS", "page them twice",
                "Add a rule");
        assertThat(twice.body()).as("the page drawn again still lists her contact methods")
                .contains("data-contact-method=\"" + sms + "\"");
        HttpResponse<String> negative = console.post("/ui/me/notification-rules", lena.cookie(), form("_csrf", csrf,
                "urgency", "LOW", "delayMinutes", "-1", "contactMethodId", sms));
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(ConsoleClient.text(negative.body())).contains("'delayMinutes' must be 0 (at once) or more");
        HttpResponse<String> noMethod = console.post("/ui/me/notification-rules", lena.cookie(), form("_csrf", csrf,
                "urgency", "LOW", "delayMinutes", "1", "contactMethodId", UUID.randomUUID().toString()));
        assertThat(noMethod.statusCode()).isEqualTo(400);
        assertThat(ConsoleClient.text(noMethod.body())).contains("has no contact method");

        String ruleId = rule.path("id").asString();
        assertThat(console.post("/ui/me/notification-rules/" + ruleId, lena.cookie(), form("_csrf", csrf,
                "urgency", "LOW", "delayMinutes", "10", "contactMethodId", sms)).statusCode()).isEqualTo(302);
        assertThat(rule(rulesPath, "LOW").path("delay").asString()).isEqualTo("PT10M");
        // the API changes the same rule the same way, and the page shows it
        ok(api.call("PUT", rulesPath + "/" + ruleId, """
                {"contactMethodId": "%s", "urgency": "LOW", "delay": "PT15M"}""".formatted(sms)), 200);
        assertThat(page(lena)).containsPattern("(?s)data-rule=\"" + ruleId + "\".*?name=\"delayMinutes\"[^>]*value=\"15\"");
        // made the same as the HIGH rule she had: refused, nothing changed
        HttpResponse<String> clash = console.post("/ui/me/notification-rules/" + ruleId, lena.cookie(),
                form("_csrf", csrf, "urgency", "HIGH", "delayMinutes", "0", "contactMethodId", sms));
        assertThat(clash.statusCode()).isEqualTo(409);
        assertThat(rule(rulesPath, "LOW").path("delay").asString()).isEqualTo("PT15M");

        // someone else's rule is not hers to delete
        Person other = signedIn("Omar", "RESPONDER");
        String othersRule = ok(api.call("GET", "/api/v1/users/" + other.user().id() + "/notification-rules", null),
                200).path("notificationRules").get(0).path("id").asString();
        assertThat(console.post("/ui/me/notification-rules/" + othersRule + "/delete", lena.cookie(),
                form("_csrf", csrf)).statusCode()).isEqualTo(404);

        assertThat(console.post("/ui/me/notification-rules/" + ruleId + "/delete", lena.cookie(), form("_csrf", csrf))
                .statusCode()).isEqualTo(302);
        assertThat(rules(rulesPath)).extracting(r -> r.path("urgency").asString()).containsExactly("HIGH");
        List<String> audited = ok(api.call("GET", "/api/v1/audit-log?resourceType=NOTIFICATION_RULE&resourceId="
                + ruleId, null), 200).path("entries").valueStream()
                .map(e -> e.path("action").asString() + " " + e.path("actor").asString()).toList();
        assertThat(audited).containsExactly("DELETE " + lena.user().name(), "UPDATE api:admin",
                "UPDATE " + lena.user().name(), "CREATE " + lena.user().name());
    }

    private List<JsonNode> rules(String path) throws Exception {
        return ok(api.call("GET", path, null), 200).path("notificationRules").valueStream().toList();
    }

    private JsonNode rule(String path, String urgency) throws Exception {
        return rules(path).stream().filter(r -> r.path("urgency").asString().equals(urgency)).findFirst().orElseThrow();
    }
}
