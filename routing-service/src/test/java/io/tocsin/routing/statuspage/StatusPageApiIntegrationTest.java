package io.tocsin.routing.statuspage;

import static io.tocsin.routing.OnCall.level;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The status pages' admin API: who may post updates, and what a mistaken request is told. */
@RoutingIntegrationTest
class StatusPageApiIntegrationTest {

    @Autowired
    OnCall onCall;
    @Autowired
    AdminApi api;

    @Test
    void aReadOnlyTokenMayNotPostUpdatesAndAnUnknownServiceIsRefused() throws Exception {
        User viewer = onCall.responder("Viewer");
        String readOnly = AdminApi.ok(api.call("POST", "/api/v1/api-tokens", """
                {"name": "viewer", "role": "READ_ONLY", "userId": "%s"}""".formatted(viewer.id())), 201)
                .get("token").asString();
        Service service = onCall.service(onCall.policy(0, level(Duration.ofMinutes(5), viewer)));
        String pageId = AdminApi.ok(api.call("POST", "/api/v1/status-pages", """
                {"slug": "ro-%s", "title": "Read only", "serviceIds": ["%s"]}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), service.id())), 201).get("id").asString();

        assertThat(api.call(readOnly, "POST", "/api/v1/status-pages/" + pageId + "/updates",
                "{\"message\": \"hello\"}").statusCode()).isEqualTo(403);
        assertThat(AdminApi.ok(api.call("POST", "/api/v1/status-pages", """
                {"slug": "nowhere", "title": "Nowhere", "serviceIds": ["%s"]}""".formatted(UUID.randomUUID())), 400)
                .get("detail").asString()).contains("no service has id");
    }

    @Test
    void aTakenSlugIsAConflict() throws Exception {
        User owner = onCall.responder("Owner");
        Service service = onCall.service(onCall.policy(0, level(Duration.ofMinutes(5), owner)));
        String body = """
                {"slug": "dup-%s", "title": "Twice", "serviceIds": ["%s"]}"""
                .formatted(UUID.randomUUID().toString().substring(0, 8), service.id());
        AdminApi.ok(api.call("POST", "/api/v1/status-pages", body), 201);

        assertThat(AdminApi.ok(api.call("POST", "/api/v1/status-pages", body), 409).get("detail").asString())
                .contains("already has the slug");
    }
}
