package io.tocsin.routing.console;

import static io.tocsin.routing.AdminApi.ok;
import static io.tocsin.routing.console.ConsoleClient.form;
import static io.tocsin.routing.console.ConsoleClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.NotificationRequested.Purpose;
import io.tocsin.contracts.Topics;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.testkit.MutableClock;
import io.tocsin.testkit.TestKafka;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A responder manages their own contact methods on /ui/me: adds a number, gets a code by it and enters it (a wrong one
 * is refused on the page), sends themselves a test page and sees it in the history, changes and deletes the number;
 * adds an ntfy topic with its access token, which the page never shows; every form needs the page's CSRF token.
 */
@RoutingIntegrationTest
class MyContactMethodsConsoleIntegrationTest {

    private static final String PASSWORD = "correct horse battery";
    private static final TestKafka.Recorder<NotificationRequested> REQUESTED =
            TestKafka.record(Topics.NOTIFICATIONS, NotificationRequested.class);

    @Autowired
    AdminApi api;
    @Autowired
    ConsoleClient console;
    @Autowired
    MutableClock clock;

    @AfterAll
    static void stopRecording() {
        REQUESTED.close();
    }

    @Test
    void aResponderAddsVerifiesTestsChangesAndDeletesTheirNumberOnTheirOwnPage() throws Exception {
        String cookie = responderSignedIn("Nora");
        String page = console.get("/ui/me", cookie).body();
        assertThat(text(page)).contains("My contact methods", "No contact methods yet: nobody can page you.");
        String csrf = ConsoleClient.csrf(page);

        assertThat(console.post("/ui/me/contact-methods", cookie, form("channel", "SMS", "address", "+12015550191"))
                .statusCode()).as("no CSRF token").isEqualTo(403);
        page = done(console.post("/ui/me/contact-methods", cookie, form("_csrf", csrf, "channel", "SMS",
                "address", "(201) 555-0191")), cookie);
        assertThat(text(page)).contains("Added. Send yourself a code to verify it", "not verified: not paged");
        assertThat(page).as("stored in E.164").contains("value=\"+12015550191\"");
        String method = row(page);

        page = done(console.post("/ui/me/contact-methods/" + method + "/code", cookie, form("_csrf", csrf)), cookie);
        assertThat(text(page)).contains("A 6-digit code is on its way");
        String code = await().atMost(Duration.ofSeconds(30)).until(() -> REQUESTED.messages().stream()
                .filter(n -> n.purpose() == Purpose.VERIFICATION && method.equals(String.valueOf(n.contactMethodId())))
                .map(NotificationRequested::code).findFirst().orElse(null), c -> c != null);
        String wrong = code.equals("000000") ? "111111" : "000000";
        page = done(console.post("/ui/me/contact-methods/" + method + "/verify", cookie, form("_csrf", csrf,
                "code", wrong)), cookie);
        assertThat(text(page)).contains("That is not the code sent to this contact method", "not verified");
        page = done(console.post("/ui/me/contact-methods/" + method + "/verify", cookie, form("_csrf", csrf,
                "code", code)), cookie);
        assertThat(text(page)).contains("Verified: pages go there now.").doesNotContain("not verified: not paged");

        clock.advance(Duration.ofMinutes(1));
        page = done(console.post("/ui/me/contact-methods/" + method + "/test", cookie, form("_csrf", csrf)), cookie);
        assertThat(text(page)).contains("A test page is on its way", "TEST SMS ********0191 QUEUED",
                "VERIFICATION SMS ********0191");
        page = done(console.post("/ui/me/contact-methods/" + method + "/test", cookie, form("_csrf", csrf)), cookie);
        assertThat(text(page)).contains("less than a minute ago: wait a minute");

        page = done(console.post("/ui/me/contact-methods/" + method, cookie, form("_csrf", csrf, "channel", "SMS",
                "address", "+12015550192")), cookie);
        assertThat(text(page)).contains("Changed. Verify the new address", "not verified: not paged");
        assertThat(page).contains("value=\"+12015550192\"");
        page = done(console.post("/ui/me/contact-methods/" + method + "/delete", cookie, form("_csrf", csrf)), cookie);
        assertThat(text(page)).contains("Deleted", "No contact methods yet");
    }

    @Test
    void aResponderAddsAPushTopicWithItsTokenSeesOnlyThatOneIsSetAndSendsThemselvesATestPush() throws Exception {
        String token = "tk_pushTokenOfPia" + UUID.randomUUID().toString().substring(0, 8);
        String cookie = responderSignedIn("Pia");
        String page = console.get("/ui/me", cookie).body();
        assertThat(page).contains("<option value=\"PUSH\">", "name=\"token\" type=\"password\"");
        String csrf = ConsoleClient.csrf(page);

        page = done(console.post("/ui/me/contact-methods", cookie, form("_csrf", csrf, "channel", "SMS",
                "address", "+12015550193", "token", token)), cookie);
        assertThat(text(page)).contains("'token' is for PUSH contact methods", "No contact methods yet");
        page = done(console.post("/ui/me/contact-methods", cookie, form("_csrf", csrf, "channel", "PUSH",
                "address", "https://ntfy.example.test/tocsin-pia", "token", "t".repeat(501))), cookie);
        assertThat(text(page)).contains("'token' is longer than 500 characters", "No contact methods yet");
        page = done(console.post("/ui/me/contact-methods", cookie, form("_csrf", csrf, "channel", "PUSH",
                "address", "https://ntfy.example.test/tocsin-pia", "token", token)), cookie);
        assertThat(text(page)).contains("Added.", "PUSH", "verified , token set").doesNotContain("not verified");
        assertThat(page).doesNotContain(token).doesNotContain("v1.");
        String method = row(page);

        page = done(console.post("/ui/me/contact-methods/" + method + "/test", cookie, form("_csrf", csrf)), cookie);
        assertThat(text(page)).contains("A test page is on its way",
                "TEST PUSH https://ntfy.example.test/tocsin-pia QUEUED");
        NotificationRequested test = await().atMost(Duration.ofSeconds(30)).until(() -> REQUESTED.messages().stream()
                .filter(n -> n.purpose() == Purpose.TEST && method.equals(String.valueOf(n.contactMethodId())))
                .findFirst().orElse(null), n -> n != null);
        assertThat(test.sealedSecret()).as("the token goes to the notifier sealed").isNotNull().doesNotContain(token);
    }

    /** A new responder signed in to the console with their password; their session cookie. */
    private String responderSignedIn(String name) throws Exception {
        String email = name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String user = ok(api.call("POST", "/api/v1/users", "{\"name\":\"" + name + "\",\"email\":\"" + email
                + "\"}"), 201).path("id").asString();
        ok(api.call("PUT", "/api/v1/users/" + user + "/sign-in", "{\"role\":\"RESPONDER\",\"password\":\"" + PASSWORD
                + "\"}"), 200);
        return ConsoleClient.cookie(console.post("/ui/sign-in/password", null, form("email", email,
                "password", PASSWORD, "next", "/ui/me")));
    }

    /** Follows the form's redirect back to /ui/me, where it says how it went. */
    private String done(HttpResponse<String> posted, String cookie) throws Exception {
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/ui/me#contact-methods"));
        return console.get("/ui/me", cookie).body();
    }

    private static String row(String page) {
        Matcher row = Pattern.compile("data-contact-method=\"([^\"]+)\"").matcher(page);
        assertThat(row.find()).isTrue();
        return row.group(1);
    }
}
