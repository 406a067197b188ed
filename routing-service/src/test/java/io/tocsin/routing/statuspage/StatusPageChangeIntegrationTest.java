package io.tocsin.routing.statuspage;

import static io.tocsin.routing.AdminApi.ok;
import static io.tocsin.routing.OnCall.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A status page changes its slug, title and services, or goes, only if unchanged since read; each change audited. */
@RoutingIntegrationTest
class StatusPageChangeIntegrationTest {

    @Autowired
    OnCall onCall;
    @Autowired
    AdminApi api;

    @Test
    void aPageIsChangedThenDeletedWithItsETagAndBothAreAudited() throws Exception {
        User owner = onCall.responder("Pat");
        Service api1 = onCall.service(onCall.policy(0, level(Duration.ofMinutes(5), owner)));
        Service api2 = onCall.service(onCall.policy(0, level(Duration.ofMinutes(5), owner)));
        String slug = unique("shop");
        String id = ok(api.call("POST", "/api/v1/status-pages", """
                {"slug": "%s", "title": "Shop", "serviceIds": ["%s"]}""".formatted(slug, api1.id())), 201)
                .path("id").asString();
        String path = "/api/v1/status-pages/" + id;
        String etag = api.call("GET", path, null).headers().firstValue("ETag").orElseThrow();

        String moved = unique("store");
        var changed = api.callIfMatch("PUT", path, """
                {"slug": "%s", "title": "Store", "serviceIds": ["%s", "%s"]}""".formatted(moved, api2.id(), api1.id()),
                etag);
        JsonNode page = ok(changed, 200);
        assertThat(page.path("slug").asString()).isEqualTo(moved);
        assertThat(page.path("serviceIds").valueStream().map(JsonNode::asString))
                .containsExactly(api2.id().toString(), api1.id().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.call("GET", "/status/" + moved, null).statusCode() == 200);
        assertThat(api.callIfMatch("DELETE", path, null, etag).statusCode()).isEqualTo(412);

        ok(api.callIfMatch("DELETE", path, null, changed.headers().firstValue("ETag").orElseThrow()), 204);
        ok(api.call("GET", path, null), 404);
        JsonNode entries = ok(api.call("GET", "/api/v1/audit-log?resourceType=STATUS_PAGE&resourceId=" + id, null),
                200).path("entries");
        assertThat(entries.valueStream().map(e -> e.path("action").asString())).containsExactly("DELETE", "UPDATE",
                "CREATE");
        assertThat(entries.get(1).path("before").path("title").asString()).isEqualTo("Shop");
        assertThat(entries.get(1).path("after").path("title").asString()).isEqualTo("Store");
    }

    @Test
    void anotherPagesSlugABadBodyOrAMissingPageIsRefused() throws Exception {
        User owner = onCall.responder("Quinn");
        Service service = onCall.service(onCall.policy(0, level(Duration.ofMinutes(5), owner)));
        String taken = unique("taken");
        ok(api.call("POST", "/api/v1/status-pages", """
                {"slug": "%s", "title": "Taken", "serviceIds": ["%s"]}""".formatted(taken, service.id())), 201);
        String mine = unique("mine");
        String path = "/api/v1/status-pages/" + ok(api.call("POST", "/api/v1/status-pages", """
                {"slug": "%s", "title": "Mine", "serviceIds": ["%s"]}""".formatted(mine, service.id())), 201)
                .path("id").asString();

        assertThat(ok(api.call("PUT", path, """
                {"slug": "%s", "title": "Mine", "serviceIds": ["%s"]}""".formatted(taken, service.id())), 409)
                .path("detail").asString()).contains("already has the slug");
        assertThat(ok(api.call("PUT", path, """
                {"slug": "Not A Slug", "title": "Mine", "serviceIds": ["%s"]}""".formatted(service.id())), 400)
                .path("detail").asString()).contains("lower-case letters");
        assertThat(ok(api.call("PUT", path, """
                {"slug": "%s", "title": "Mine", "serviceIds": ["%s"]}""".formatted(mine, UUID.randomUUID())), 400)
                .path("detail").asString()).contains("no service has id");
        String nowhere = "/api/v1/status-pages/" + UUID.randomUUID();
        ok(api.call("PUT", nowhere, """
                {"slug": "%s", "title": "Mine", "serviceIds": ["%s"]}""".formatted(unique("x"), service.id())), 404);
        ok(api.call("DELETE", nowhere, null), 404);
        // its own slug is no conflict
        assertThat(ok(api.call("PUT", path, """
                {"slug": "%s", "title": "Still mine", "serviceIds": ["%s"]}""".formatted(mine, service.id())), 200)
                .path("title").asString()).isEqualTo("Still mine");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
