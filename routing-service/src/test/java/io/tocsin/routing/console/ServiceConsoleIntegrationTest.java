package io.tocsin.routing.console;

import static io.tocsin.routing.OnCall.level;
import static io.tocsin.routing.console.ConsoleClient.csrf;
import static io.tocsin.routing.console.ConsoleClient.etag;
import static io.tocsin.routing.console.ConsoleClient.form;
import static io.tocsin.routing.console.ConsoleClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.Urgency;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.policy.EscalationPolicy;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Editing a service in the console: changed as the API's PUT changes it, refused as the API refuses it. */
@RoutingIntegrationTest
class ServiceConsoleIntegrationTest {

    @Autowired
    OnCall onCall;
    @Autowired
    AdminApi api;
    @Autowired
    ConsoleClient console;

    private User grace;
    private EscalationPolicy night;
    private Service service;

    @BeforeEach
    void aService() {
        grace = onCall.responder("Grace");
        service = onCall.service(onCall.policy(0, level(Duration.ofMinutes(5), grace)), Urgency.HIGH,
                Duration.ofMinutes(30), null);
        night = onCall.policy(0, level(Duration.ofMinutes(10), grace));
    }

    private JsonNode stored() throws Exception {
        return AdminApi.ok(api.call("GET", "/api/v1/services/" + service.id(), null), 200);
    }

    /** The form as the page shows it, with these fields changed. */
    private String edited(String page, String... changes) {
        String[] fields = {"_csrf", csrf(page), "etag", etag(page), "teamId", "",
                "name", service.name(), "escalationPolicyId", service.escalationPolicyId().toString(),
                "urgency", "HIGH", "ackTimeout", "PT30M", "autoResolveTimeout", ""};
        for (int change = 0; change < changes.length; change += 2) {
            for (int field = 0; field < fields.length; field += 2) {
                if (fields[field].equals(changes[change])) {
                    fields[field + 1] = changes[change + 1];
                }
            }
        }
        return form(fields);
    }

    @Test
    void anAdminChangesAServiceAsThroughTheApi() throws Exception {
        String cookie = console.signIn(RoutingIntegrationTest.ADMIN_TOKEN);
        String page = console.get("/ui/services/" + service.id(), cookie).body();
        assertThat(page).contains("id=\"service-form\"", night.name());

        HttpResponse<String> saved = console.post("/ui/services/" + service.id(), cookie, edited(page,
                "name", "Payments API", "escalationPolicyId", night.id().toString(), "urgency", "LOW",
                "ackTimeout", "", "autoResolveTimeout", "PT4H"));

        assertThat(saved.statusCode()).isEqualTo(302);
        JsonNode stored = stored();
        assertThat(stored.get("name").asString()).isEqualTo("Payments API");
        assertThat(stored.get("escalationPolicyId").asString()).isEqualTo(night.id().toString());
        assertThat(stored.get("urgency").asString()).isEqualTo("LOW");
        assertThat(stored.path("ackTimeout").isNull()).isTrue();
        assertThat(stored.get("autoResolveTimeout").asString()).isEqualTo("PT4H");
    }

    @Test
    void aRefusedChangeShowsTheApisMessageAndChangesNothing() throws Exception {
        String cookie = console.signIn(RoutingIntegrationTest.ADMIN_TOKEN);
        String page = console.get("/ui/services/" + service.id(), cookie).body();
        JsonNode before = stored();

        HttpResponse<String> blank = console.post("/ui/services/" + service.id(), cookie, edited(page, "name", " "));
        HttpResponse<String> tooShort = console.post("/ui/services/" + service.id(), cookie,
                edited(page, "ackTimeout", "PT0S"));
        HttpResponse<String> notADuration = console.post("/ui/services/" + service.id(), cookie,
                edited(page, "ackTimeout", "30 minutes"));

        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(text(blank.body())).contains("'name' must not be blank");
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(text(tooShort.body())).contains("'ackTimeout' must be at least PT1S, or left out to turn it off");
        assertThat(notADuration.statusCode()).isEqualTo(400);
        assertThat(text(notADuration.body())).contains("'ackTimeout' must be an ISO-8601 duration such as PT5M");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aChangeMadeSinceThePageWasReadIsNotOverwritten() throws Exception {
        String cookie = console.signIn(RoutingIntegrationTest.ADMIN_TOKEN);
        String page = console.get("/ui/services/" + service.id(), cookie).body();
        AdminApi.ok(api.call("PUT", "/api/v1/services/" + service.id(), """
                {"name": "Renamed by a script", "escalationPolicyId": "%s"}""".formatted(service.escalationPolicyId())),
                200);

        HttpResponse<String> stale = console.post("/ui/services/" + service.id(), cookie,
                edited(page, "name", "Renamed in the console"));

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(text(stale.body())).contains("changed since you read it", "Renamed by a script");
        assertThat(stored().get("name").asString()).isEqualTo("Renamed by a script");
    }

    @Test
    void aReadOnlyTokenSeesTheServiceWithoutTheFormAndIsRefusedAsByTheApi() throws Exception {
        String cookie = console.signIn("READ_ONLY", grace);
        String page = console.get("/ui/services/" + service.id(), cookie).body();
        assertThat(page).doesNotContain("id=\"service-form\"");
        assertThat(text(page)).contains(service.name(), "Acknowledgement timeout PT30M");

        // the sign-out form's CSRF token gets a hand-made request past that check, not past the role
        HttpResponse<String> refused = console.post("/ui/services/" + service.id(), cookie,
                form("_csrf", csrf(page), "etag", "*", "name", "Hijacked"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("READ_ONLY");
        assertThat(stored().get("name").asString()).isEqualTo(service.name());
    }
}
