package io.tocsin.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.routing.service.AlertGrouping;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.FakeSlack;
import io.tocsin.testkit.FakeTwilio;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts joining an incident reach Slack once per batch, not once per alert: the message posted when the incident
 * paged is updated once with how many alerts it holds, and once more when a later batch joins.
 */
class GroupedAlertsInSlackIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private FakeTwilio twilio;
    private FakeSlack slack;
    private RunningTocsin tocsin;

    @AfterEach
    void stop() {
        RunningTocsin.stop(tocsin, twilio, slack);
    }

    @Test
    void twentyAlertsJoiningOneIncidentUpdateItsSlackMessageOnceWithTheirCount() throws Exception {
        twilio = new FakeTwilio();
        slack = new FakeSlack();
        tocsin = RunningTocsin.start(twilio, Clock.systemUTC(), List.of(
                "--tocsin.slack.bot-token=" + slack.botToken(),
                "--tocsin.slack.base-url=" + slack.baseUrl(),
                "--tocsin.slack.signing-secret=" + slack.signingSecret()));
        User nina = tocsin.responder("Nina", Channel.SLACK, "U0NINA0001");
        String cluster = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
        String key = tocsin.alertmanagerService("Kubernetes " + cluster, nina, new AlertGrouping(
                AlertGrouping.Type.CONTENT, Duration.ofHours(1), List.of("labels.cluster")));

        postAlerts(key, cluster, 0, 20);

        FakeSlack.SlackPost page = await().atMost(PATIENCE).until(() -> slack.posts().stream()
                .filter(post -> post.channel().equals("U0NINA0001")).findFirst().orElse(null), post -> post != null);
        String incidentId = await().atMost(PATIENCE).until(() -> tocsin.incidentAbout(cluster),
                incident -> incident != null && incident.path("alertCount").asInt() == 20).path("id").asString();
        await().atMost(PATIENCE).until(() -> updatesOf(page).stream().anyMatch(text -> text.contains("20 alerts")));
        assertThat(updatesOf(page)).as("one update for the batch of 19 joins").singleElement().asString()
                .contains("(Triggered, 20 alerts)");
        assertThat(slack.posts()).filteredOn(post -> post.channel().equals("U0NINA0001")).hasSize(1);

        postAlerts(key, cluster, 20, 5);

        await().atMost(PATIENCE).until(() -> updatesOf(page).stream().anyMatch(text -> text.contains("25 alerts")));
        assertThat(updatesOf(page)).as("one more update for the second batch").hasSize(2);
        assertThat(tocsin.timelineMessages(incidentId)).filteredOn(message -> message.contains("joined"))
                .hasSize(24);
    }

    private List<String> updatesOf(FakeSlack.SlackPost page) {
        return slack.updates().stream().filter(update -> update.ts().equals(page.ts()))
                .map(FakeSlack.SlackPost::text).toList();
    }

    /**
     * {@code count} alerts of the cluster in one Alertmanager webhook, numbered from {@code first}; posted until ingest
     * has learned the integration (a 404 or 503 stores nothing).
     */
    private void postAlerts(String key, String cluster, int first, int count) {
        List<String> alerts = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            alerts.add("""
                    {"status": "firing", "labels": {"alertname": "NodeProblem%d", "instance": "node-%d",
                     "cluster": "%s", "severity": "critical"},
                     "annotations": {"summary": "Node %d of %s is in trouble"},
                     "startsAt": "2026-12-06T01:00:00Z", "fingerprint": "%s-%d"}"""
                    .formatted(i, i, cluster, i, cluster, cluster, i));
        }
        String body = """
                {"version": "4", "groupKey": "{}:{cluster=\\"%s\\"}", "status": "firing", "receiver": "tocsin",
                 "groupLabels": {"cluster": "%s"}, "commonLabels": {"cluster": "%s"}, "commonAnnotations": {},
                 "externalURL": "http://alertmanager.example.test", "alerts": [%s]}"""
                .formatted(cluster, cluster, cluster, String.join(",", alerts));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tocsin.ingestUrl("/integrations/" + key
                        + "/alertmanager")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        await().atMost(PATIENCE).until(() -> HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()
                == 202);
    }
}
