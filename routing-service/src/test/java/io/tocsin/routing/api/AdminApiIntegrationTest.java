package io.tocsin.routing.api;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IntegrationUpdated;
import io.tocsin.contracts.SecretHash;
import io.tocsin.contracts.Topics;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.MutableClock;
import io.tocsin.testkit.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The admin REST API over real HTTP: what it stores, and the errors it gives people. */
@RoutingIntegrationTest
class AdminApiIntegrationTest {

    @Autowired
    AdminApi api;
    @Autowired
    OnCall onCall;
    @Autowired
    MutableClock clock;

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return api.call(method, path, body);
    }

    @Test
    void anAdminSetsUpAServiceWithAPolicyAndAnIntegrationWhoseKeyIngestLearns() throws Exception {
        User ops = onCall.responder("Ops");
        JsonNode policy = ok(call("POST", "/api/v1/escalation-policies", """
                {"name":"Ops","repeatCount":1,"levels":[{"delay":"PT5M","targets":[{"type":"USER","id":"%s"}]}]}
                """.formatted(ops.id())), 201);
        assertThat(policy.path("levels").get(0).path("delay").asString()).isEqualTo("PT5M");

        JsonNode service = ok(call("POST", "/api/v1/services", """
                {"name":"Billing","escalationPolicyId":"%s","ackTimeout":"PT30M"}
                """.formatted(policy.path("id").asString())), 201);
        assertThat(service.path("urgency").asString()).isEqualTo("HIGH");
        assertThat(service.path("ackTimeout").asString()).isEqualTo("PT30M");

        try (var announced = TestKafka.record(Topics.INTEGRATIONS, IntegrationUpdated.class)) {
            JsonNode created = ok(call("POST", "/api/v1/services/" + service.path("id").asString() + "/integrations",
                    """
                    {"type":"ALERTMANAGER","name":"prod alertmanager","settings":{"alertmanager.dedup":"group"}}
                    """), 201);
            String key = created.path("key").asString();
            assertThat(key).hasSize(32);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(announced.messages())
                    .anySatisfy(update -> {
                        assertThat(update.keyHash()).isEqualTo(SecretHash.of(key));
                        assertThat(update.type()).isEqualTo("ALERTMANAGER");
                        assertThat(update.settings()).containsEntry("alertmanager.dedup", "group");
                    }));
            JsonNode listed = ok(call("GET", "/api/v1/services/" + service.path("id").asString() + "/integrations", null), 200);
            assertThat(listed.toString()).doesNotContain(key);
        }
    }

    @Test
    void mistakesGetAProblemThatSaysWhatToFix() throws Exception {
        JsonNode noName = ok(call("POST", "/api/v1/services", "{\"urgency\":\"HIGH\"}"), 400);
        assertThat(noName.path("detail").asString()).contains("'name'");

        JsonNode badDuration = ok(call("POST", "/api/v1/services", "{\"name\":\"x\",\"ackTimeout\":\"5 minutes\"}"), 400);
        assertThat(badDuration.path("detail").asString()).contains("'ackTimeout' must be an ISO-8601 duration");

        JsonNode ghostUser = ok(call("POST", "/api/v1/escalation-policies", """
                {"name":"Ghost","repeatCount":0,"levels":[{"delay":"PT5M","targets":[{"type":"USER","id":"%s"}]}]}
                """.formatted(java.util.UUID.randomUUID())), 400);
        assertThat(ghostUser.path("detail").asString()).contains("level 1: no user has id");

        JsonNode noInterval = ok(call("POST", "/api/v1/services/" + onCall.service(null).id() + "/integrations",
                "{\"type\":\"HEARTBEAT\",\"name\":\"cron\"}"), 400);
        assertThat(noInterval.path("detail").asString()).contains("heartbeat.interval");

        ok(call("GET", "/api/v1/services/" + java.util.UUID.randomUUID(), null), 404);
        ok(call("GET", "/api/v1/incidents?cursor=garbage", null), 400);
        ok(call("GET", "/api/v1/incidents?limit=0", null), 400);
    }

    @Test
    void anAdminAddsAResponderWithAPhoneAndRulesAndCannotDeleteThemWhileAPolicyPagesThem() throws Exception {
        JsonNode user = ok(call("POST", "/api/v1/users", "{\"name\":\"Kim\",\"email\":\"kim@example.com\"}"), 201);
        String users = "/api/v1/users/" + user.path("id").asString();

        JsonNode badNumber = ok(call("POST", users + "/contact-methods",
                "{\"channel\":\"SMS\",\"address\":\"555-1234\"}"), 400);
        assertThat(badNumber.path("detail").asString()).contains("'555-1234'", "+44 20 7946 0958", "region US");
        JsonNode national = ok(call("POST", users + "/contact-methods",
                "{\"channel\":\"VOICE\",\"address\":\"(201) 555-0123\"}"), 201);
        assertThat(national.path("address").asString()).isEqualTo("+12015550123");
        JsonNode international = ok(call("POST", users + "/contact-methods",
                "{\"channel\":\"SMS\",\"address\":\"+44 20 7946 0958\"}"), 201);
        assertThat(international.path("address").asString()).isEqualTo("+442079460958");
        JsonNode fictional = ok(call("POST", users + "/contact-methods",
                "{\"channel\":\"SMS\",\"address\":\"+15550100001\"}"), 400);
        assertThat(fictional.path("detail").asString()).contains("'+15550100001'");
        JsonNode hook = ok(call("POST", users + "/contact-methods",
                "{\"channel\":\"WEBHOOK\",\"address\":\"https://hooks.example.com/tocsin?token=s3cret\"}"), 201);
        assertThat(hook.path("channel").asString()).isEqualTo("WEBHOOK");
        for (String notAUrl : new String[] {"hooks.example.com/tocsin", "ftp://hooks.example.com/", "https:///path"}) {
            JsonNode badHook = ok(call("POST", users + "/contact-methods",
                    "{\"channel\":\"WEBHOOK\",\"address\":\"" + notAUrl + "\"}"), 400);
            assertThat(badHook.path("detail").asString()).contains("absolute http(s) URL with a host", notAUrl);
        }
        String phone = ok(call("POST", users + "/contact-methods",
                "{\"channel\":\"SMS\",\"address\":\"+12015550115\"}"), 201).path("id").asString();
        ok(call("POST", users + "/notification-rules",
                "{\"contactMethodId\":\"" + phone + "\",\"urgency\":\"HIGH\",\"delay\":\"PT0S\"}"), 201);
        ok(call("POST", users + "/notification-rules",
                "{\"contactMethodId\":\"" + phone + "\",\"urgency\":\"LOW\",\"delay\":\"PT10M\"}"), 201);
        JsonNode rules = ok(call("GET", users + "/notification-rules", null), 200);
        assertThat(rules.path("notificationRules")).hasSize(2);
        assertThat(rules.path("notificationRules").get(1).path("delay").asString()).isEqualTo("PT10M");

        ok(call("POST", "/api/v1/escalation-policies", "{\"name\":\"Kim's\",\"repeatCount\":0,\"levels\":[{\"delay\":"
                + "\"PT5M\",\"targets\":[{\"type\":\"USER\",\"id\":\"" + user.path("id").asString() + "\"}]}]}"), 201);
        JsonNode stillNeeded = ok(call("DELETE", users, null), 409);
        assertThat(stillNeeded.path("detail").asString()).contains("escalation policy");
    }

    @Test
    void anAdminBuildsAScheduleInTheirTimeZoneOverridesItAndAPolicyPagesIt() throws Exception {
        String ann = ok(call("POST", "/api/v1/users", "{\"name\":\"Ann\"}"), 201).path("id").asString();
        String ben = ok(call("POST", "/api/v1/users", "{\"name\":\"Ben\"}"), 201).path("id").asString();

        JsonNode badZone = ok(call("POST", "/api/v1/schedules", "{\"name\":\"x\",\"timeZone\":\"CEST\",\"rotations\":"
                + "[{\"name\":\"r\",\"start\":\"2026-03-27T09:00\",\"shiftLength\":1,\"shiftUnit\":\"DAYS\","
                + "\"participants\":[\"" + ann + "\"]}]}"), 400);
        assertThat(badZone.path("detail").asString()).contains("IANA time zone");

        JsonNode schedule = ok(call("POST", "/api/v1/schedules", "{\"name\":\"Primary\",\"timeZone\":\"Europe/Berlin\","
                + "\"rotations\":[{\"name\":\"daily\",\"start\":\"2026-03-27T09:00\",\"shiftLength\":1,"
                + "\"shiftUnit\":\"DAYS\",\"participants\":[\"" + ann + "\",\"" + ben + "\"]}]}"), 201);
        String schedules = "/api/v1/schedules/" + schedule.path("id").asString();

        // the 29th is the day Berlin's clocks go forward: Ben's shift (the 28th's) ends at 09:00 CEST, 07:00Z
        JsonNode beforeHandOver = ok(call("GET", schedules + "/on-call?at=2026-03-29T06:59:00Z", null), 200);
        assertThat(beforeHandOver.path("users").get(0).path("name").asString()).isEqualTo("Ben");
        JsonNode afterHandOver = ok(call("GET", schedules + "/on-call?at=2026-03-29T07:00:00Z", null), 200);
        assertThat(afterHandOver.path("users").get(0).path("name").asString()).isEqualTo("Ann");

        ok(call("POST", schedules + "/overrides", "{\"userId\":\"" + ben + "\",\"replacesUserId\":\"" + ann
                + "\",\"startsAt\":\"2026-03-29T07:00:00Z\",\"endsAt\":\"2026-03-29T12:00:00Z\"}"), 201);
        JsonNode covered = ok(call("GET", schedules + "/on-call?at=2026-03-29T08:00:00Z", null), 200);
        assertThat(covered.path("users")).hasSize(1);
        assertThat(covered.path("users").get(0).path("name").asString()).isEqualTo("Ben");

        ok(call("POST", "/api/v1/escalation-policies", "{\"name\":\"via schedule\",\"repeatCount\":0,\"levels\":["
                + "{\"delay\":\"PT5M\",\"targets\":[{\"type\":\"SCHEDULE\",\"id\":\"" + schedule.path("id").asString()
                + "\"},{\"type\":\"SLACK_CHANNEL\",\"id\":\"C0OPS\"}]}]}"), 201);
        JsonNode badChannel = ok(call("POST", "/api/v1/escalation-policies", "{\"name\":\"bad\",\"repeatCount\":0,"
                + "\"levels\":[{\"delay\":\"PT5M\",\"targets\":[{\"type\":\"SLACK_CHANNEL\",\"id\":\"#ops\"}]}]}"), 400);
        assertThat(badChannel.path("detail").asString()).contains("not a Slack channel ID");
        JsonNode hooked = ok(call("POST", "/api/v1/escalation-policies", "{\"name\":\"hook\",\"repeatCount\":0,"
                + "\"levels\":[{\"delay\":\"PT5M\",\"targets\":[{\"type\":\"WEBHOOK\",\"id\":"
                + "\"https://hooks.example.com/ops\"}]}]}"), 201);
        assertThat(hooked.path("levels").get(0).path("targets").get(0).path("type").asString()).isEqualTo("WEBHOOK");
        JsonNode badHook = ok(call("POST", "/api/v1/escalation-policies", "{\"name\":\"bad\",\"repeatCount\":0,"
                + "\"levels\":[{\"delay\":\"PT5M\",\"targets\":[{\"type\":\"WEBHOOK\",\"id\":\"ops-hook\"}]}]}"), 400);
        assertThat(badHook.path("detail").asString()).contains("level 1: 'ops-hook' is not a webhook URL");
        assertThat(ok(call("DELETE", schedules, null), 409).path("detail").asString())
                .contains("is a target of escalation policy(ies) via schedule (");
    }

    @Test
    void theApiIsDescribedInOpenApiWithItsBearerToken() throws Exception {
        HttpResponse<String> docs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                api.url("/v3/api-docs"))).build(), HttpResponse.BodyHandlers.ofString());

        JsonNode api = ok(docs, 200);
        assertThat(api.path("paths").propertyNames()).contains("/api/v1/services", "/api/v1/escalation-policies",
                "/api/v1/schedules", "/api/v1/incidents/{id}/acknowledge");
        assertThat(api.path("components").path("securitySchemes").path("bearer").path("scheme").asString())
                .isEqualTo("bearer");
    }

    @Test
    void aPolicyInUseCannotBeDeleted() throws Exception {
        User user = onCall.responder("Keeper");
        var policy = onCall.policy(0, OnCall.level(Duration.ofMinutes(5), user));
        onCall.service(policy);

        JsonNode conflict = ok(call("DELETE", "/api/v1/escalation-policies/" + policy.id(), null), 409);
        assertThat(conflict.path("detail").asString()).contains("used by a service");
    }

    @Test
    void incidentsArePagedWithACursorAndFilteredByServiceAndStatus() throws Exception {
        User user = onCall.responder("Pager");
        onCall.pages(user, Channel.SMS, "+12015550112", Duration.ZERO);
        Service service = onCall.service(onCall.policy(0, OnCall.level(Duration.ofMinutes(5), user)));
        for (int i = 0; i < 5; i++) {
            onCall.trigger(service, "page-" + i, "Paged " + i);
            clock.advance(Duration.ofSeconds(1));
        }
        // each alert has a partition of its own (its key is service/dedup key): they may be applied in any order
        await().atMost(Duration.ofSeconds(30)).until(() -> IntStream.range(0, 5)
                .allMatch(i -> onCall.incidentId(service, "page-" + i) != null));
        String first = onCall.incidentId(service, "page-0").toString();
        ok(call("POST", "/api/v1/incidents/" + first + "/resolve", null), 200);

        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = ok(call("GET", "/api/v1/incidents?serviceId=" + service.id() + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), null), 200);
            page.path("incidents").forEach(incident -> seen.add(incident.path("dedupKey").asString()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactlyInAnyOrder("page-0", "page-1", "page-2", "page-3", "page-4");
        assertThat(pages).isEqualTo(3);

        JsonNode open = ok(call("GET", "/api/v1/incidents?serviceId=" + service.id() + "&status=TRIGGERED", null), 200);
        assertThat(open.path("incidents")).hasSize(4);
    }
}
