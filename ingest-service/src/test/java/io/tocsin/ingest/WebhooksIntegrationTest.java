package io.tocsin.ingest;

import static io.tocsin.ingest.PagerDutyApiIntegrationTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.intake.Fixtures;
import io.tocsin.ingest.intake.IntegrationKeys;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each monitoring tool's documented webhook, posted the way the tool posts it, becomes the right events. */
class WebhooksIntegrationTest extends IngestHttpTest {

    @Test
    void alertmanagerAlertsAreEachTheirOwnIncidentAndResolveOnTheirOwn() {
        TestIntegration alertmanager = integration(IntegrationType.ALERTMANAGER);
        String path = "/integrations/" + alertmanager.key() + "/alertmanager";

        HttpResponse<String> firing = postJson(path, Fixtures.text("alertmanager/firing-two-alerts.json"));
        postJson(path, Fixtures.text("alertmanager/one-resolved.json"));

        assertThat(firing.statusCode()).isEqualTo(202);
        assertThat(json(firing).get("dedup_keys").valueStream().map(node -> node.asString()))
                .containsExactly("c5b8a1f2e4d3b6a7", "09f7e6d5c4b3a291");
        assertThat(awaitPublished(alertmanager, 4)).extracting(AlertEvent::action, AlertEvent::dedupKey)
                .containsExactlyInAnyOrder(tuple(AlertAction.TRIGGER, "c5b8a1f2e4d3b6a7"),
                        tuple(AlertAction.TRIGGER, "09f7e6d5c4b3a291"), tuple(AlertAction.RESOLVE, "c5b8a1f2e4d3b6a7"),
                        tuple(AlertAction.TRIGGER, "09f7e6d5c4b3a291"));
    }

    @Test
    void alertmanagerCanMakeOneIncidentPerGroupAndTakeItsKeyFromABearerHeader() {
        TestIntegration alertmanager = integration(IntegrationType.ALERTMANAGER, Map.of("alertmanager.dedup", "group"));

        HttpResponse<String> response = postJson("/integrations/alertmanager",
                Fixtures.text("alertmanager/firing-two-alerts.json"), "Authorization", "Bearer " + alertmanager.key());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(awaitPublished(alertmanager, 1)).singleElement()
                .satisfies(event -> assertThat(event.dedupKey()).startsWith("group/"));
    }

    @Test
    void grafanaKeepsItsLinksAndResolves() {
        TestIntegration grafana = integration(IntegrationType.GRAFANA);

        postJson("/integrations/grafana", Fixtures.text("grafana/firing.json"), IntegrationKeys.HEADER, grafana.key());
        postJson("/integrations/" + grafana.key() + "/grafana", Fixtures.text("grafana/resolved.json"));

        List<AlertEvent> events = awaitPublished(grafana, 2);
        assertThat(events).extracting(AlertEvent::action).containsExactly(AlertAction.TRIGGER, AlertAction.RESOLVE);
        assertThat(events.getFirst().details()).containsKeys("dashboardURL", "panelURL", "silenceURL", "values");
    }

    @Test
    void genericTakesJsonFormsAndQueryStrings() {
        TestIntegration generic = integration(IntegrationType.GENERIC);
        String path = "/integrations/" + generic.key() + "/generic";

        postJson(path, Fixtures.text("generic/trigger.json"));
        post(path, "application/x-www-form-urlencoded", "summary=" + encode("HOST DOWN: web-1") + "&severity=critical");
        post(path + "?summary=" + encode("HOST DOWN: web-1") + "&action=resolve", null, "");

        List<AlertEvent> events = awaitPublished(generic, 3);
        assertThat(events).extracting(AlertEvent::action)
                .containsExactly(AlertAction.TRIGGER, AlertAction.TRIGGER, AlertAction.RESOLVE);
        assertThat(events.get(1).dedupKey()).isEqualTo(events.get(2).dedupKey());
        assertThat(events.get(1).rawPayload()).isEqualTo("summary=HOST+DOWN%3A+web-1&severity=critical");
    }

    @Test
    void aNulInAFormFieldIsStoredAsAReplacementCharacter() {
        TestIntegration generic = integration(IntegrationType.GENERIC);

        post("/integrations/" + generic.key() + "/generic", "application/x-www-form-urlencoded", "summary=disk%00full");

        assertThat(awaitPublished(generic, 1).getFirst().summary()).isEqualTo("disk\uFFFDfull");
    }

    @Test
    void uptimeKumaInJsonAndInMultipartFormData() {
        TestIntegration kuma = integration(IntegrationType.UPTIME_KUMA);
        String path = "/integrations/" + kuma.key() + "/uptime-kuma";
        String boundary = "----kuma" + System.nanoTime();
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\n"
                + Fixtures.text("uptimekuma/up.json") + "\r\n--" + boundary + "--\r\n";

        HttpResponse<String> test = postJson(path, Fixtures.text("uptimekuma/test-notification.json"));
        postJson(path, Fixtures.text("uptimekuma/down.json"));
        HttpResponse<String> up = post(path, "multipart/form-data; boundary=" + boundary, multipart);

        assertThat(test.statusCode()).isEqualTo(202);
        assertThat(json(test).get("dedup_keys")).isEmpty();
        assertThat(up.statusCode()).isEqualTo(202);
        assertThat(awaitPublished(kuma, 2)).extracting(AlertEvent::action, AlertEvent::dedupKey).containsExactly(
                tuple(AlertAction.TRIGGER, "uptime-kuma/monitor/7"), tuple(AlertAction.RESOLVE, "uptime-kuma/monitor/7"));
    }

    @Test
    void uptimeRobotQueryStringAndPingdomStateChanges() {
        TestIntegration robot = integration(IntegrationType.UPTIMEROBOT);
        TestIntegration pingdom = integration(IntegrationType.PINGDOM);

        get("/integrations/" + robot.key() + "/uptimerobot?monitorID=778899001&monitorFriendlyName=API&alertType=1"
                + "&alertDetails=" + encode("Connection Timeout"));
        post("/integrations/" + robot.key() + "/uptimerobot", "application/x-www-form-urlencoded",
                "monitorID=778899001&monitorFriendlyName=API&alertType=2");
        postJson("/integrations/" + pingdom.key() + "/pingdom", Fixtures.text("pingdom/down.json"));
        postJson("/integrations/" + pingdom.key() + "/pingdom", Fixtures.text("pingdom/up.json"));

        assertThat(awaitPublished(robot, 2)).extracting(AlertEvent::action, AlertEvent::dedupKey).containsExactly(
                tuple(AlertAction.TRIGGER, "uptimerobot/monitor/778899001"),
                tuple(AlertAction.RESOLVE, "uptimerobot/monitor/778899001"));
        assertThat(awaitPublished(pingdom, 2)).extracting(AlertEvent::action, AlertEvent::dedupKey).containsExactly(
                tuple(AlertAction.TRIGGER, "pingdom/monitor/12345"), tuple(AlertAction.RESOLVE, "pingdom/monitor/12345"));
    }

    @Test
    void cloudWatchThroughSnsConfirmsItsSubscriptionThenPagesOnSignedAlarms() {
        TestIntegration cloudwatch = integration(IntegrationType.CLOUDWATCH);
        String path = "/integrations/" + cloudwatch.key() + "/cloudwatch";
        String subscribe = "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=" + cloudwatch.key();

        HttpResponse<String> confirmation = post(path, "text/plain; charset=UTF-8",
                sns.subscriptionConfirmation(subscribe), "x-amz-sns-message-type", "SubscriptionConfirmation");
        HttpResponse<String> alarm = post(path, "text/plain; charset=UTF-8",
                sns.notification(Fixtures.text("cloudwatch/alarm.json"), "1"));
        HttpResponse<String> ok = post(path, "text/plain; charset=UTF-8",
                sns.notification(Fixtures.text("cloudwatch/ok.json"), "2"));

        assertThat(List.of(confirmation, alarm, ok)).extracting(HttpResponse::statusCode).containsOnly(202);
        assertThat(sns.requests()).contains("/?Action=ConfirmSubscription&Token=" + cloudwatch.key());
        assertThat(awaitPublished(cloudwatch, 2)).extracting(AlertEvent::action)
                .containsExactly(AlertAction.TRIGGER, AlertAction.RESOLVE);
    }

    @Test
    void heartbeatsArePingsByGetOrPostAtEveryPath() {
        TestIntegration heartbeat = integration(IntegrationType.HEARTBEAT);

        List<HttpResponse<String>> pings = List.of(
                get("/heartbeat/" + heartbeat.key()),
                post("/heartbeat/" + heartbeat.key(), null, ""),
                post("/integrations/" + heartbeat.key() + "/heartbeat?msg=nightly+backup+done", "text/plain", "ok"),
                get("/heartbeat", IntegrationKeys.HEADER, heartbeat.key()),
                send(HttpRequest.newBuilder(url("/integrations/heartbeat")).header("Authorization",
                        "Token token=" + heartbeat.key()).POST(HttpRequest.BodyPublishers.noBody())));

        assertThat(pings).extracting(HttpResponse::statusCode).containsOnly(202);
        List<AlertEvent> events = awaitPublished(heartbeat, 5);
        assertThat(events).extracting(AlertEvent::action).containsOnly(AlertAction.HEARTBEAT);
        assertThat(events).extracting(AlertEvent::dedupKey).containsOnly("heartbeat/" + heartbeat.integrationId());
        assertThat(events.get(2).summary()).isEqualTo("nightly backup done");
    }

    @Test
    void eventsKeepTheOriginalPayloadButOnlyUpToTheCap() {
        TestIntegration generic = integration(IntegrationType.GENERIC);
        String big = "{\"summary\":\"big details\",\"details\":\"" + "x".repeat(100 * 1024) + "\"}";

        postJson("/integrations/" + generic.key() + "/generic", big);

        assertThat(awaitPublished(generic, 1).getFirst().rawPayload()).hasSize(64 * 1024).isEqualTo(
                big.substring(0, 64 * 1024));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
