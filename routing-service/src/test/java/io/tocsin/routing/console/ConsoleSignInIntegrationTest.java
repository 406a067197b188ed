package io.tocsin.routing.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.IncidentStatus;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.incident.Incidents;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The console's sign-in over plain HTTP: its cookie, CSRF tokens, roles as the API has them, revocation, redirects. */
@RoutingIntegrationTest
class ConsoleSignInIntegrationTest {

    @Autowired
    AdminApi api;
    @Autowired
    OnCall onCall;
    @Autowired
    Incidents incidents;
    @Autowired
    ConsoleClient console;

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
        String cookie = console.signIn(token("RESPONDER", resa));
        String page = console.get("/ui/incidents/" + incident, cookie).body();

        assertThat(console.post("/ui/incidents/" + incident + "/acknowledge", cookie, "").statusCode()).isEqualTo(403);
        assertThat(console.post("/ui/incidents/" + incident + "/acknowledge", cookie, "_csrf=forged").statusCode())
                .isEqualTo(403);
        assertThat(incidents.find(incident).orElseThrow().status()).isEqualTo(IncidentStatus.TRIGGERED);

        HttpResponse<String> acknowledged = console.post("/ui/incidents/" + incident + "/acknowledge", cookie,
                "_csrf=" + ConsoleClient.csrf(page));
        assertThat(acknowledged.statusCode()).isEqualTo(302);
        assertThat(incidents.find(incident).orElseThrow().acknowledgedBy()).isEqualTo(resa.name());
        assertThat(onCall.timelineMessages(incident)).contains("acknowledged by " + resa.name() + " via WEB_CONSOLE");
    }

    @Test
    void aReadOnlyTokenSeesNoButtonsAndIsRefusedAsByTheApi() throws Exception {
        User viewer = onCall.responder("Viewer");
        UUID incident = triggeredIncident(viewer);
        String cookie = console.signIn(token("READ_ONLY", viewer));

        String page = console.get("/ui/incidents/" + incident, cookie).body();
        assertThat(page).contains("Disk full").doesNotContain("id=\"acknowledge\"");
        // the sign-out form carries the session's CSRF token: a hand-made request gets past that check, not the role
        HttpResponse<String> refused = console.post("/ui/incidents/" + incident + "/resolve", cookie,
                "_csrf=" + ConsoleClient.csrf(page));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("READ_ONLY");
        assertThat(incidents.find(incident).orElseThrow().status()).isEqualTo(IncidentStatus.TRIGGERED);
    }

    @Test
    void revokingTheTokenEndsItsSessionsAndABadTokenIsTurnedAway() throws Exception {
        User resa = onCall.responder("Resa");
        var issued = AdminApi.ok(api.call("POST", "/api/v1/api-tokens", """
                {"name": "revoked", "role": "RESPONDER", "userId": "%s"}""".formatted(resa.id())), 201);
        String cookie = console.signIn(issued.get("token").asString());
        assertThat(console.get("/ui/services", cookie).body()).contains("<h1>Services</h1>");

        AdminApi.ok(api.call("DELETE", "/api/v1/api-tokens/" + issued.get("apiToken").get("id").asString(), null), 204);

        assertThat(console.get("/ui/services", cookie).body())
                .contains("http-equiv=\"refresh\"", "/ui/sign-in?next=%2Fui%2Fservices");
        HttpResponse<String> wrong = console.post("/ui/sign-in", null, "token=not-a-token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("not valid");
    }

    @Test
    void anIncidentThatIsNotThereIsAPageSayingSo() throws Exception {
        String cookie = console.signIn(token("RESPONDER", onCall.responder("Lost")));
        UUID nowhere = UUID.randomUUID();

        HttpResponse<String> missing = console.get("/ui/incidents/" + nowhere, cookie);

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/html"));
        assertThat(missing.body()).contains("No incident has id " + nowhere, "Back to the incidents");
    }

    @Test
    void signInOnlyEverLeadsBackIntoTheConsole() throws Exception {
        String token = token("RESPONDER", onCall.responder("Nav"));
        for (String elsewhere : new String[] {"https://evil.example", "//evil.example", "/\\evil.example", "/api/v1/users"}) {
            HttpResponse<String> signedIn = console.post("/ui/sign-in", null, "token=" + token + "&next="
                    + URLEncoder.encode(elsewhere, StandardCharsets.UTF_8));
            assertThat(signedIn.headers().firstValue("Location")).as(elsewhere).hasValue("/ui/incidents");
        }
    }
}
