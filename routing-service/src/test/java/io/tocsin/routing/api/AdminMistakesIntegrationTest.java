package io.tocsin.routing.api;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.IntegrationUpdated;
import io.tocsin.contracts.Topics;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Admin mistakes: each answered with a problem that names what to fix, never a 500 or a Java class. */
@RoutingIntegrationTest
class AdminMistakesIntegrationTest {

    @Autowired
    AdminApi api;
    @Autowired
    OnCall onCall;

    @Test
    void aUserInAScheduleCannotBeDeletedAndTheProblemNamesTheSchedule() throws Exception {
        User onRotation = onCall.responder("Rota");
        User standIn = onCall.responder("Stand-in");
        UUID schedule = onCall.dailyRotation(onRotation);
        String scheduleName = ok(api.call("GET", "/api/v1/schedules/" + schedule, null), 200).path("name").asString();
        ok(api.call("POST", "/api/v1/schedules/" + schedule + "/overrides", "{\"userId\":\"" + standIn.id()
                + "\",\"startsAt\":\"2030-01-01T00:00:00Z\",\"endsAt\":\"2030-01-02T00:00:00Z\"}"), 201);

        JsonNode participant = ok(api.call("DELETE", "/api/v1/users/" + onRotation.id(), null), 409);
        assertThat(participant.path("detail").asString()).contains(scheduleName, schedule.toString());
        JsonNode overriding = ok(api.call("DELETE", "/api/v1/users/" + standIn.id(), null), 409);
        assertThat(overriding.path("detail").asString()).contains(scheduleName);
        ok(api.call("GET", "/api/v1/users/" + standIn.id(), null), 200);
    }

    @Test
    void anOverrideThatEndedDoesNotKeepAUserAndTheOneThatDoesCanBeFound() throws Exception {
        User onRotation = onCall.responder("Rotating");
        User once = onCall.responder("Once");
        User later = onCall.responder("Later");
        String overrides = "/api/v1/schedules/" + onCall.dailyRotation(onRotation) + "/overrides";
        ok(api.call("POST", overrides, "{\"userId\":\"" + once.id()
                + "\",\"startsAt\":\"2020-01-01T00:00:00Z\",\"endsAt\":\"2020-01-02T00:00:00Z\"}"), 201);
        String future = ok(api.call("POST", overrides, "{\"userId\":\"" + later.id()
                + "\",\"startsAt\":\"2030-01-01T00:00:00Z\",\"endsAt\":\"2030-01-02T00:00:00Z\"}"), 201)
                .path("id").asString();

        assertThat(ok(api.call("GET", overrides, null), 200).path("overrides").findValuesAsString("id"))
                .containsExactly(future);
        assertThat(ok(api.call("GET", overrides + "?from=2019-01-01T00:00:00Z", null), 200).path("overrides")
                .findValuesAsString("userId")).containsExactly(once.id().toString(), later.id().toString());
        assertThat(ok(api.call("GET", overrides + "/" + future, null), 200).path("userId").asString())
                .isEqualTo(later.id().toString());
        ok(api.call("DELETE", "/api/v1/users/" + once.id(), null), 204);
        assertThat(ok(api.call("DELETE", "/api/v1/users/" + later.id(), null), 409).path("detail").asString())
                .contains("/overrides");
    }

    @Test
    void aUserInAPolicyCannotBeDeletedAndTheProblemNamesThePolicy() throws Exception {
        User paged = onCall.responder("Policy member");
        var policy = onCall.policy(0, OnCall.level(Duration.ofMinutes(5), paged));

        JsonNode problem = ok(api.call("DELETE", "/api/v1/users/" + paged.id(), null), 409);

        assertThat(problem.path("detail").asString()).contains(policy.name() + " (" + policy.id() + ")");
    }

    @Test
    void aWebhookAtAnAddressTheNotifierRefusesIsRefusedWhenCreated() throws Exception {
        String methods = "/api/v1/users/" + onCall.responder("Hooked").id() + "/contact-methods";
        for (String url : List.of("http://169.254.169.254/x", "http://10.0.0.1/", "http://2130706433/")) {
            assertThat(ok(api.call("POST", methods, "{\"channel\":\"WEBHOOK\",\"address\":\"" + url + "\"}"), 400)
                    .path("detail").asString()).as(url).contains("would never be called: refused to call");
        }
        JsonNode target = ok(api.call("POST", "/api/v1/escalation-policies", "{\"name\":\"p\",\"levels\":[{\"delay\":"
                + "\"PT5M\",\"targets\":[{\"type\":\"WEBHOOK\",\"id\":\"http://10.0.0.1/\"}]}]}"), 400);
        assertThat(target.path("detail").asString()).startsWith("level 1: the webhook would never be called");
        assertThat(ok(api.call("GET", methods, null), 200).path("contactMethods")).isEmpty();
    }

    @Test
    void integrationSettingsAreCheckedForTheirType() throws Exception {
        String integrations = "/api/v1/services/" + onCall.service(null).id() + "/integrations";

        JsonNode typo = ok(api.call("POST", integrations,
                "{\"type\":\"ALERTMANAGER\",\"name\":\"am\",\"settings\":{\"alertmanager.dedup\":\"grup\"}}"), 400);
        assertThat(typo.path("detail").asString()).contains("alertmanager.dedup", "alert or group", "'grup'");
        JsonNode unknown = ok(api.call("POST", integrations,
                "{\"type\":\"GENERIC\",\"name\":\"g\",\"settings\":{\"alertmanager.dedup\":\"group\"}}"), 400);
        assertThat(unknown.path("detail").asString()).contains("not a setting of a GENERIC integration",
                "rate-limit.burst, rate-limit.per-minute");
        JsonNode notANumber = ok(api.call("POST", integrations,
                "{\"type\":\"GENERIC\",\"name\":\"g\",\"settings\":{\"rate-limit.per-minute\":\"lots\"}}"), 400);
        assertThat(notANumber.path("detail").asString()).contains("rate-limit.per-minute", "whole number");
        JsonNode badArn = ok(api.call("POST", integrations,
                "{\"type\":\"CLOUDWATCH\",\"name\":\"cw\",\"settings\":{\"cloudwatch.topic-arns\":\"alarms\"}}"), 400);
        assertThat(badArn.path("detail").asString()).contains("SNS topic ARNs");

        ok(api.call("POST", integrations, "{\"type\":\"ALERTMANAGER\",\"name\":\"am\",\"settings\":{\"alertmanager.dedup\":"
                + "\"group\",\"rate-limit.per-minute\":\"0\",\"rate-limit.burst\":\"50\"}}"), 201);
        ok(api.call("POST", integrations, "{\"type\":\"CLOUDWATCH\",\"name\":\"cw\",\"settings\":{\"cloudwatch.topic-arns\":"
                + "\"arn:aws:sns:eu-west-1:123456789012:alarms, arn:aws:sns:us-east-1:123456789012:ops\"}}"), 201);
    }

    @Test
    void aDuplicateRuleAndARuleWithoutUrgencyAreRefused() throws Exception {
        String user = "/api/v1/users/" + onCall.responder("Rules").id();
        String phone = ok(api.call("POST", user + "/contact-methods", "{\"channel\":\"SMS\",\"address\":\"+12015550131\"}"),
                201).path("id").asString();
        String rule = "{\"contactMethodId\":\"" + phone + "\",\"urgency\":\"HIGH\",\"delay\":\"PT2M\"}";
        ok(api.call("POST", user + "/notification-rules", rule), 201);

        JsonNode duplicate = ok(api.call("POST", user + "/notification-rules", rule), 409);
        assertThat(duplicate.path("detail").asString()).contains("already has a rule", "page them twice");
        JsonNode noUrgency = ok(api.call("POST", user + "/notification-rules",
                "{\"contactMethodId\":\"" + phone + "\",\"delay\":\"PT5M\"}"), 400);
        assertThat(noUrgency.path("detail").asString()).contains("'urgency' is required (HIGH or LOW)");
        assertThat(ok(api.call("GET", user + "/notification-rules", null), 200).path("notificationRules")).hasSize(1);
    }

    @Test
    void unreadableJsonNamesTheFieldAndTheFormItNeedsWithoutJavaNames() throws Exception {
        String target = "{\"type\":\"USER\",\"id\":\"" + onCall.responder("Json").id() + "\"}";

        JsonNode enumValue = ok(api.call("POST", "/api/v1/escalation-policies", "{\"name\":\"p\",\"levels\":[{\"delay\":"
                + "\"PT5M\",\"targets\":[" + target + ",{\"type\":\"PERSON\",\"id\":\"x\"}]}]}"), 400);
        assertThat(enumValue.path("detail").asString())
                .isEqualTo("level 1: 'targets[1].type' must be one of USER, SCHEDULE, SLACK_CHANNEL, WEBHOOK");
        JsonNode duration = ok(api.call("POST", "/api/v1/escalation-policies", "{\"name\":\"p\",\"levels\":[{\"delay\":"
                + "\"5 minutes\",\"targets\":[" + target + "]}]}"), 400);
        assertThat(duration.path("detail").asString()).startsWith("level 1: 'delay' must be an ISO-8601 duration such as PT5M");
        JsonNode secondLevel = ok(api.call("POST", "/api/v1/escalation-policies", "{\"name\":\"p\",\"levels\":[{\"delay\":"
                + "\"PT5M\",\"targets\":[" + target + "]},{\"delay\":\"PT5M\",\"targets\":[]}]}"), 400);
        assertThat(secondLevel.path("detail").asString()).startsWith("level 2: 'targets' must not be empty");
        JsonNode number = ok(api.call("POST", "/api/v1/escalation-policies", "{\"name\":\"p\",\"repeatCount\":\"twice\","
                + "\"levels\":[{\"delay\":\"PT5M\",\"targets\":[" + target + "]}]}"), 400);
        assertThat(number.path("detail").asString()).isEqualTo("'repeatCount' must be a whole number");
        JsonNode notJson = ok(api.call("POST", "/api/v1/users", "{\"name\":"), 400);
        assertThat(notJson.path("detail").asString()).contains("not valid JSON");
        JsonNode query = ok(api.call("GET", "/api/v1/incidents?status=OPEN", null), 400);
        assertThat(query.path("detail").asString()).contains("'status' must be one of TRIGGERED, ACKNOWLEDGED, RESOLVED");

        for (JsonNode problem : List.of(enumValue, duration, number, notJson, query)) {
            assertThat(problem.path("detail").asString()).doesNotContain("$", "java.", "io.tocsin", "Cannot");
        }
    }

    @Test
    void repeatCountMayBeLeftOutAndLevelsAreNumberedFromOne() throws Exception {
        String target = "{\"type\":\"USER\",\"id\":\"" + onCall.responder("Levels").id() + "\"}";
        JsonNode policy = ok(api.call("POST", "/api/v1/escalation-policies", "{\"name\":\"p\",\"levels\":[{\"delay\":"
                + "\"PT5M\",\"targets\":[" + target + "]},{\"delay\":\"PT5M\",\"targets\":[" + target + "]}]}"), 201);

        assertThat(policy.path("repeatCount").asInt()).isZero();
        JsonNode levels = ok(api.call("GET", "/api/v1/escalation-policies/" + policy.path("id").asString(), null), 200)
                .path("levels");
        assertThat(levels.get(0).path("level").asInt()).isEqualTo(1);
        assertThat(levels.get(1).path("level").asInt()).isEqualTo(2);
        assertThat(levels.get(0).has("position")).isFalse();

        Service service = onCall.service(onCall.policy(0, io.tocsin.routing.OnCall.level(Duration.ofMinutes(5),
                onCall.responder("Paged"))));
        onCall.trigger(service, "level-one", "Level one");
        UUID incident = onCall.awaitIncident(service, "level-one");
        assertThat(ok(api.call("GET", "/api/v1/incidents/" + incident, null), 200).path("level").asInt()).isEqualTo(1);
    }

    @Test
    void aDisabledIntegrationCanBeEnabledAgainAndIngestLearnsBoth() throws Exception {
        String integrations = "/api/v1/services/" + onCall.service(null).id() + "/integrations";
        String id = ok(api.call("POST", integrations, "{\"type\":\"GENERIC\",\"name\":\"script\"}"), 201)
                .path("integration").path("id").asString();

        try (var announced = TestKafka.record(Topics.INTEGRATIONS, IntegrationUpdated.class)) {
            assertThat(ok(api.call("POST", integrations + "/" + id + "/disable", null), 200).path("enabled").asBoolean())
                    .isFalse();
            assertThat(ok(api.call("POST", integrations + "/" + id + "/enable", null), 200).path("enabled").asBoolean())
                    .isTrue();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(announced.messages().stream()
                    .filter(update -> update.integrationId().toString().equals(id))
                    .map(IntegrationUpdated::enabled)).containsExactly(true, false, true));
        }
        ok(api.call("POST", integrations + "/" + UUID.randomUUID() + "/enable", null), 404);
    }

    @Test
    void everyOperationHasAnIdAndASummary() throws Exception {
        JsonNode docs = ok(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.url("/v3/api-docs")))
                .build(), HttpResponse.BodyHandlers.ofString()), 200);
        List<String> operationIds = new ArrayList<>();
        docs.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            assertThat(operation.getValue().path("summary").asString())
                    .as(operation.getKey() + " " + path.getKey()).isNotBlank();
            operationIds.add(operation.getValue().path("operationId").asString());
        }));
        assertThat(operationIds).isNotEmpty().doesNotHaveDuplicates().noneMatch(id -> id.matches(".*_\\d+$"));
        assertThat(operationIds).contains("enableIntegration", "acknowledgeIncident", "scheduleAddOverride");
    }
}
