package io.tocsin.routing.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.IncidentStatus;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.incident.Incidents;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The console's sign-in over plain HTTP: its cookie, CSRF tokens, roles as the API has them, revocation, redirects. */
@RoutingIntegrationTest
class ConsoleSignInIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    AdminApi api;
    @Autowired
    OnCall onCall;
    @Autowired
    Incidents incidents;

    private HttpResponse<String> post(String path, String cookie, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api.url(path))).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in with the token; the session cookie as a browser would send it back. */
    private String signIn(String token) throws Exception {
        HttpResponse<String> signedIn = post("/ui/sign-in", null,
                "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&next=/ui/services");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/ui/services");
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/ui");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        assertThat(matcher.find()).as("a form with a CSRF token").isTrue();
        return matcher.group(1);
    }

    private UUID triggeredIncident(User responder) {
        Service service = onCall.service(onCall.policy(0, OnCall.level(Duration.ofMinutes(5), responder)));
        String dedupKey = "disk-" + UUID.randomUUID();
        onCall.trigger(service, dedupKey, "Disk full");
        return onCall.awaitIncident(service, dedupKey);
    }

    private String token(String role, User user) throws Exception {
        return ConsoleBrowserIntegrationTest.token(api, role, user);
    }

    @Test
    void anActionNeedsTheSessionsCsrfTokenAndNamesTheResponder() throws Exception {
        User resa = onCall.responder("Resa");
        UUID incident = triggeredIncident(resa);
        String cookie = signIn(token("RESPONDER", resa));
        String page = get("/ui/incidents/" + incident, cookie).body();

        assertThat(post("/ui/incidents/" + incident + "/acknowledge", cookie, "").statusCode()).isEqualTo(403);
        assertThat(post("/ui/incidents/" + incident + "/acknowledge", cookie, "_csrf=forged").statusCode())
                .isEqualTo(403);
        assertThat(incidents.find(incident).orElseThrow().status()).isEqualTo(IncidentStatus.TRIGGERED);

        HttpResponse<String> acknowledged = post("/ui/incidents/" + incident + "/acknowledge", cookie,
                "_csrf=" + csrf(page));
        assertThat(acknowledged.statusCode()).isEqualTo(302);
        assertThat(incidents.find(incident).orElseThrow().acknowledgedBy()).isEqualTo(resa.name());
        assertThat(onCall.timelineMessages(incident)).contains("acknowledged by " + resa.name() + " via WEB_CONSOLE");
    }

    @Test
    void aReadOnlyTokenSeesNoButtonsAndIsRefusedAsByTheApi() throws Exception {
        User viewer = onCall.responder("Viewer");
        UUID incident = triggeredIncident(viewer);
        String cookie = signIn(token("READ_ONLY", viewer));

        String page = get("/ui/incidents/" + incident, cookie).body();
        assertThat(page).contains("Disk full").doesNotContain("id=\"acknowledge\"");
        // the sign-out form carries the session's CSRF token: a hand-made request gets past that check, not the role
        HttpResponse<String> refused = post("/ui/incidents/" + incident + "/resolve", cookie, "_csrf=" + csrf(page));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("READ_ONLY");
        assertThat(incidents.find(incident).orElseThrow().status()).isEqualTo(IncidentStatus.TRIGGERED);
    }

    @Test
    void revokingTheTokenEndsItsSessionsAndABadTokenIsTurnedAway() throws Exception {
        User resa = onCall.responder("Resa");
        var issued = AdminApi.ok(api.call("POST", "/api/v1/api-tokens", """
                {"name": "revoked", "role": "RESPONDER", "userId": "%s"}""".formatted(resa.id())), 201);
        String cookie = signIn(issued.get("token").asString());
        assertThat(get("/ui/services", cookie).body()).contains("<h1>Services</h1>");

        AdminApi.ok(api.call("DELETE", "/api/v1/api-tokens/" + issued.get("apiToken").get("id").asString(), null), 204);

        assertThat(get("/ui/services", cookie).body()).contains("http-equiv=\"refresh\"", "/ui/sign-in?next=%2Fui%2Fservices");
        HttpResponse<String> wrong = post("/ui/sign-in", null, "token=not-a-token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("not valid");
    }

    @Test
    void anIncidentThatIsNotThereIsAPageSayingSo() throws Exception {
        String cookie = signIn(token("RESPONDER", onCall.responder("Lost")));
        UUID nowhere = UUID.randomUUID();

        HttpResponse<String> missing = get("/ui/incidents/" + nowhere, cookie);

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/html"));
        assertThat(missing.body()).contains("No incident has id " + nowhere, "Back to the incidents");
    }

    @Test
    void signInOnlyEverLeadsBackIntoTheConsole() throws Exception {
        String token = token("RESPONDER", onCall.responder("Nav"));
        for (String elsewhere : new String[] {"https://evil.example", "//evil.example", "/\\evil.example", "/api/v1/users"}) {
            HttpResponse<String> signedIn = post("/ui/sign-in", null, "token=" + token + "&next="
                    + URLEncoder.encode(elsewhere, StandardCharsets.UTF_8));
            assertThat(signedIn.headers().firstValue("Location")).as(elsewhere).hasValue("/ui/incidents");
        }
    }
}
