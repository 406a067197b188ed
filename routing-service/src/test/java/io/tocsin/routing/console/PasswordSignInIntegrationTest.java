package io.tocsin.routing.console;

import static io.tocsin.routing.AdminApi.ok;
import static io.tocsin.routing.console.ConsoleClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.MutableClock;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** People sign in as themselves: passwords an admin sets, invitation links, limits on guessing, sessions that end. */
@RoutingIntegrationTest
class PasswordSignInIntegrationTest {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    AdminApi api;
    @Autowired
    OnCall onCall;
    @Autowired
    ConsoleClient console;
    @Autowired
    MutableClock clock;

    /** A new user with a unique email address; returns their id. */
    private Person person(String name) throws Exception {
        String email = name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        JsonNode user = ok(api.call("POST", "/api/v1/users", """
                {"name": "%s", "email": "%s"}""".formatted(name, email)), 201);
        return new Person(UUID.fromString(user.path("id").asString()), name, email);
    }

    private record Person(UUID id, String name, String email) {
    }

    private void setPassword(Person person, String role, String password) throws Exception {
        ok(api.call("PUT", "/api/v1/users/" + person.id() + "/sign-in", """
                {"role": "%s", "password": "%s"}""".formatted(role, password)), 200);
    }

    private HttpResponse<String> signIn(Person person, String password) throws Exception {
        return console.post("/ui/sign-in/password", null, form("email", person.email().toUpperCase(),
                "password", password, "next", "/ui/services"));
    }

    @Test
    void aPersonSignsInWithThePasswordAnAdminSetAndActsAsThemselves() throws Exception {
        Person alice = person("Alice");
        assertThat(ok(api.call("PUT", "/api/v1/users/" + alice.id() + "/sign-in", """
                {"role": "RESPONDER", "password": "short"}"""), 400).path("detail").asString())
                .contains("at least 10 characters");
        setPassword(alice, "RESPONDER", PASSWORD);
        JsonNode shown = ok(api.call("GET", "/api/v1/users/" + alice.id() + "/sign-in", null), 200);
        assertThat(shown.path("role").asString()).isEqualTo("RESPONDER");
        assertThat(shown.path("password").asBoolean()).isTrue();
        assertThat(shown.toString()).doesNotContain(PASSWORD, "$2");

        HttpResponse<String> signedIn = signIn(alice, PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/ui/services");
        String cookie = ConsoleClient.cookie(signedIn);

        Service service = onCall.service(onCall.policy(0, OnCall.level(Duration.ofMinutes(5),
                onCall.responder("Someone"))));
        onCall.trigger(service, "password-ack", "Disk full");
        UUID incident = onCall.awaitIncident(service, "password-ack");
        String page = console.get("/ui/incidents/" + incident, cookie).body();
        assertThat(page).contains("Alice (RESPONDER)", "href=\"/ui/me\"");
        assertThat(console.post("/ui/incidents/" + incident + "/acknowledge", cookie,
                "_csrf=" + ConsoleClient.csrf(page)).statusCode()).isEqualTo(302);
        assertThat(onCall.timelineMessages(incident)).contains("acknowledged by Alice via WEB_CONSOLE");
        // a responder's rights, as with a responder's token
        HttpResponse<String> refused = console.post("/ui/services/" + service.id(), cookie,
                form("_csrf", ConsoleClient.csrf(page), "etag", "*", "name", "Renamed"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Your account has role RESPONDER");
    }

    @Test
    void wrongPasswordsAreLimitedPerAccountUntilTheWindowPasses() throws Exception {
        Person bob = person("Bob");
        setPassword(bob, "READ_ONLY", PASSWORD);
        for (int attempt = 0; attempt < 5; attempt++) {
            HttpResponse<String> wrong = signIn(bob, "not the password " + attempt);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("do not match");
        }

        HttpResponse<String> limited = signIn(bob, PASSWORD);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("Too many failed sign-ins", "wait 15 minutes");
        assertThat(limited.headers().firstValue("Set-Cookie")).isEmpty();

        clock.advance(Duration.ofMinutes(16));
        assertThat(signIn(bob, PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void anInvitationLinkSetsThePasswordOnceAndExpires() throws Exception {
        Person carol = person("Carol");
        JsonNode invitation = ok(api.call("POST", "/api/v1/users/" + carol.id() + "/invitations",
                "{\"role\": \"ADMIN\"}"), 201);
        URI link = URI.create(invitation.path("link").asString());
        String path = link.getPath() + "?" + link.getQuery();
        String token = link.getQuery().substring("token=".length());
        assertThat(console.get(path, null).body()).contains("Welcome, Carol");

        HttpResponse<String> tooShort = console.post("/ui/sign-in/link", null, form("token", token, "password", "short"));
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("at least 10 characters");
        HttpResponse<String> signedIn = console.post("/ui/sign-in/link", null, form("token", token, "password", PASSWORD));
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(console.get("/ui/services", ConsoleClient.cookie(signedIn)).body()).contains("Carol (ADMIN)");
        assertThat(console.post("/ui/sign-in/link", null, form("token", token, "password", PASSWORD)).statusCode())
                .isEqualTo(410);
        assertThat(signIn(carol, PASSWORD).statusCode()).isEqualTo(303);

        JsonNode later = ok(api.call("POST", "/api/v1/users/" + carol.id() + "/invitations",
                "{\"role\": \"ADMIN\"}"), 201);
        clock.advance(Duration.ofDays(8));
        URI expired = URI.create(later.path("link").asString());
        HttpResponse<String> gone = console.get(expired.getPath() + "?" + expired.getQuery(), null);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("expired or was used already", "ask an admin");
    }

    @Test
    void aPersonChangesTheirOwnPasswordWithTheFormsCsrfToken() throws Exception {
        Person dan = person("Dan");
        setPassword(dan, "READ_ONLY", PASSWORD);
        String cookie = ConsoleClient.cookie(signIn(dan, PASSWORD));
        String page = console.get("/ui/me", cookie).body();
        assertThat(page).contains("Dan", "READ_ONLY");

        assertThat(console.post("/ui/me/password", cookie, form("current", PASSWORD, "password", "a new password"))
                .statusCode()).isEqualTo(403);
        HttpResponse<String> wrongCurrent = console.post("/ui/me/password", cookie, form("_csrf",
                ConsoleClient.csrf(page), "current", "not it at all", "password", "a new password"));
        assertThat(wrongCurrent.statusCode()).isEqualTo(400);
        assertThat(wrongCurrent.body()).contains("current password is not right");
        assertThat(console.post("/ui/me/password", cookie, form("_csrf", ConsoleClient.csrf(page),
                "current", PASSWORD, "password", "a new password")).body()).contains("Your password is changed");

        assertThat(signIn(dan, PASSWORD).statusCode()).isEqualTo(401);
        assertThat(signIn(dan, "a new password").statusCode()).isEqualTo(303);
    }

    @Test
    void deletingTheUserEndsTheirSessionsAtOnce() throws Exception {
        Person erin = person("Erin");
        setPassword(erin, "ADMIN", PASSWORD);
        String cookie = ConsoleClient.cookie(signIn(erin, PASSWORD));
        assertThat(console.get("/ui/services", cookie).body()).contains("<h1>Services</h1>");

        ok(api.call("DELETE", "/api/v1/users/" + erin.id(), null), 204);

        assertThat(console.get("/ui/services", cookie).body())
                .contains("http-equiv=\"refresh\"", "/ui/sign-in?next=%2Fui%2Fservices");
        assertThat(signIn(erin, PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void aPersonIssuesAndRevokesTheirOwnTokensUpToTheirRole() throws Exception {
        Person fay = person("Fay");
        setPassword(fay, "RESPONDER", PASSWORD);
        String cookie = ConsoleClient.cookie(signIn(fay, PASSWORD));
        String csrf = ConsoleClient.csrf(console.get("/ui/me", cookie).body());

        HttpResponse<String> admin = console.post("/ui/me/tokens", cookie, form("_csrf", csrf, "name", "x",
                "role", "ADMIN"));
        assertThat(admin.statusCode()).isEqualTo(400);
        assertThat(admin.body()).contains("RESPONDER or READ_ONLY");
        String page = console.post("/ui/me/tokens", cookie, form("_csrf", csrf, "name", "laptop",
                "role", "RESPONDER")).body();
        Matcher issued = Pattern.compile("id=\"issued-token\">([^<]+)<").matcher(page);
        assertThat(issued.find()).isTrue();
        String token = issued.group(1);
        ok(api.call(token, "GET", "/api/v1/incidents", null), 200);
        ok(api.call(token, "POST", "/api/v1/services", "{\"name\":\"nope\"}"), 403);

        Matcher row = Pattern.compile("data-token=\"([^\"]+)\"").matcher(page);
        assertThat(row.find()).isTrue();
        assertThat(console.post("/ui/me/tokens/" + row.group(1) + "/revoke", cookie, form("_csrf", csrf)).statusCode())
                .isEqualTo(302);
        ok(api.call(token, "GET", "/api/v1/incidents", null), 401);
    }

    @Test
    void myPageListsMyShiftsInEveryScheduleForTheComingWeeks() throws Exception {
        Person gus = person("Gus");
        setPassword(gus, "RESPONDER", PASSWORD);
        UUID mine = onCall.dailyRotation(new User(gus.id(), gus.name(), gus.email()));
        UUID notMine = onCall.dailyRotation(onCall.responder("Other"));
        String cookie = ConsoleClient.cookie(signIn(gus, PASSWORD));

        String page = console.get("/ui/me", cookie).body();

        assertThat(page).contains("/ui/schedules/" + mine).doesNotContain("/ui/schedules/" + notMine);
    }

    @Test
    void aTokenSessionHasNoPageOfItsOwn() throws Exception {
        String cookie = console.signIn("ADMIN", onCall.responder("Tok"));
        HttpResponse<String> refused = console.get("/ui/me", cookie);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("sign in as yourself");
    }
}
