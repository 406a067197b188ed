package io.tocsin.routing.console;

import static io.tocsin.routing.OnCall.level;
import static io.tocsin.routing.console.ConsoleClient.csrf;
import static io.tocsin.routing.console.ConsoleClient.form;
import static io.tocsin.routing.console.ConsoleClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Posting a status page update from the console: stored as the API stores it, refused as the API refuses it. */
@RoutingIntegrationTest
class StatusPageConsoleIntegrationTest {

    @Autowired
    OnCall onCall;
    @Autowired
    AdminApi api;
    @Autowired
    ConsoleClient console;

    private User resa;
    private String slug;
    private String pageId;

    @BeforeEach
    void aStatusPage() throws Exception {
        resa = onCall.responder("Resa");
        Service service = onCall.service(onCall.policy(0, level(Duration.ofMinutes(5), resa)));
        slug = "console-" + UUID.randomUUID().toString().substring(0, 8);
        pageId = AdminApi.ok(api.call("POST", "/api/v1/status-pages", """
                {"slug": "%s", "title": "Acme Cloud", "serviceIds": ["%s"]}""".formatted(slug, service.id())), 201)
                .get("id").asString();
    }

    private String publicPage() throws Exception {
        return text(console.get("/status/" + slug, null).body());
    }

    @Test
    void aResponderPostsAnUpdateThatReadersSeeOnThePublicPage() throws Exception {
        String cookie = console.signIn("RESPONDER", resa);
        String list = console.get("/ui/status-pages", cookie).body();
        assertThat(text(list)).contains("Acme Cloud Operational", "/status/" + slug);
        assertThat(list).contains("href=\"/status/" + slug + "\"", "/ui/status-pages/" + pageId + "/updates");

        HttpResponse<String> posted = console.post("/ui/status-pages/" + pageId + "/updates", cookie,
                form("_csrf", csrf(list), "message", "  We are investigating errors on the API.\n"));

        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(publicPage()).contains("We are investigating errors on the API.")
                .doesNotContain("No updates posted");
        assertThat(text(console.get("/ui/status-pages", cookie).body()))
                .contains("Latest update", resa.name(), "We are investigating errors on the API.");
    }

    @Test
    void anEmptyUpdateIsShownTheApisMessageAndNothingIsStored() throws Exception {
        String cookie = console.signIn("RESPONDER", resa);
        String list = console.get("/ui/status-pages", cookie).body();

        HttpResponse<String> refused = console.post("/ui/status-pages/" + pageId + "/updates", cookie,
                form("_csrf", csrf(list), "message", "   "));

        assertThat(refused.statusCode()).isEqualTo(400);
        String apiSays = AdminApi.ok(api.call("POST", "/api/v1/status-pages/" + pageId + "/updates",
                "{\"message\": \"   \"}"), 400).get("detail").asString();
        assertThat(apiSays).isEqualTo("'message' must not be blank");
        assertThat(text(refused.body())).contains(apiSays);
        assertThat(publicPage()).contains("No updates posted");
    }

    @Test
    void aReadOnlyTokenSeesNoFormAndIsRefusedAsByTheApi() throws Exception {
        String cookie = console.signIn("READ_ONLY", resa);
        String list = console.get("/ui/status-pages", cookie).body();
        assertThat(list).contains("Acme Cloud").doesNotContain("name=\"message\"");

        // the sign-out form's CSRF token gets a hand-made request past that check, not past the role
        HttpResponse<String> refused = console.post("/ui/status-pages/" + pageId + "/updates", cookie,
                form("_csrf", csrf(list), "message", "All good"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("READ_ONLY");
        assertThat(publicPage()).contains("No updates posted");
    }
}
