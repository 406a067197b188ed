package io.tocsin.routing.rule;

import static io.tocsin.routing.AdminApi.ok;
import static io.tocsin.routing.OnCall.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Topics;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.incident.Incidents;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.service.Services;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.MutableClock;
import io.tocsin.testkit.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An integration's event rules, saved through the API and applied by routing to the alerts ingest publishes: routed
 * alerts page the target service's policy, others their integration's own service; suppressed alerts are kept and page
 * nobody (until a repeat no rule suppresses, or the end of a maintenance then in force), dropped ones are counted and
 * not kept; trying rules stores nothing.
 */
@RoutingIntegrationTest
class EventRulesIntegrationTest {

    private static final Duration LEVEL_DELAY = Duration.ofMinutes(10);

    @Autowired
    AdminApi api;
    @Autowired
    OnCall onCall;
    @Autowired
    Incidents incidents;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    MutableClock clock;
    @Autowired
    Services services;

    User webOnCall;
    User dbOnCall;
    Service web;
    Service databases;
    UUID integrationId;
    String rules;

    @BeforeEach
    void anAlertmanagerIntegrationOfTheWebServiceAndADatabaseTeam() throws Exception {
        webOnCall = onCall.responder("Wendy");
        onCall.pages(webOnCall, Channel.SMS, "+12015550170", Duration.ZERO);
        dbOnCall = onCall.responder("Dario");
        onCall.pages(dbOnCall, Channel.SMS, "+12015550171", Duration.ZERO);
        onCall.pages(dbOnCall, Channel.EMAIL, "dario@example.com", Urgency.LOW, Duration.ZERO);
        web = onCall.service(onCall.policy(0, level(LEVEL_DELAY, webOnCall)));
        databases = onCall.service(onCall.policy(0, level(LEVEL_DELAY, dbOnCall)));
        JsonNode created = ok(api.call("POST", "/api/v1/services/" + web.id() + "/integrations",
                "{\"type\":\"ALERTMANAGER\",\"name\":\"prometheus\"}"), 201);
        integrationId = UUID.fromString(created.path("integration").path("id").asString());
        rules = "/api/v1/services/" + web.id() + "/integrations/" + integrationId + "/rules";
    }

    @Test
    void aRoutedAlertPagesTheTargetServicesPolicyItsResolveFollowsAndAnUnmatchedOnePagesTheIntegrationsOwn()
            throws Exception {
        ok(api.call("PUT", rules, """
                [{"when": "alert.labels.team == 'db' && alert.severity in ['critical', 'error']",
                  "then": {"routeTo": "%s", "urgency": "LOW"}}]""".formatted(databases.id())), 200);

        send(AlertAction.TRIGGER, "replica-lag", "Replica lag on db-3", Map.of("team", "db"));
        send(AlertAction.TRIGGER, "slow-pages", "Slow pages", Map.of("team", "web"));

        UUID routed = onCall.awaitIncident(databases, "replica-lag");
        assertThat(incidents.find(routed).orElseThrow().urgency()).isEqualTo(Urgency.LOW);
        onCall.awaitPage(routed, dbOnCall, Channel.EMAIL);
        UUID unmatched = onCall.awaitIncident(web, "slow-pages");
        assertThat(incidents.find(unmatched).orElseThrow().urgency()).isEqualTo(Urgency.HIGH);
        onCall.awaitPage(unmatched, webOnCall, Channel.SMS);
        assertThat(onCall.incidentId(web, "replica-lag")).isNull();

        // Alertmanager's resolve carries the labels again: it is routed as its trigger was
        send(AlertAction.RESOLVE, "replica-lag", null, Map.of("team", "db"));
        await().atMost(Duration.ofSeconds(30)).until(() -> incidents.find(routed).orElseThrow().status()
                == IncidentStatus.RESOLVED);
        assertThat(onCall.pagesFor(routed)).allMatch(page -> dbOnCall.id().equals(page.userId()));
    }

    @Test
    void rulesSavedByAnotherRoutingInstanceApplyFromTheNextPoll() throws Exception {
        ok(api.call("PUT", rules, """
                [{"when": "true", "then": {"routeTo": "%s"}}]""".formatted(databases.id())), 200);
        send(AlertAction.TRIGGER, "before-the-change", "Before", Map.of());
        onCall.awaitIncident(databases, "before-the-change");

        // what another instance's PUT leaves in the database; this instance still holds the first rules compiled
        jdbc.sql("""
                        update event_rules set rules = cast(:rules as jsonb), revision = revision + 1
                        where integration_id = :id""")
                .param("rules", "[{\"when\": \"true\", \"then\": {\"urgency\": \"LOW\"}}]")
                .param("id", integrationId)
                .update();
        send(AlertAction.TRIGGER, "after-the-change", "After", Map.of());

        UUID after = onCall.awaitIncident(web, "after-the-change");
        assertThat(incidents.find(after).orElseThrow().urgency()).isEqualTo(Urgency.LOW);
        assertThat(onCall.incidentId(databases, "after-the-change")).isNull();
    }

    @Test
    void aSuppressedAlertIsKeptAndPagesNobodyAndADroppedOneIsCountedAndNotKept() throws Exception {
        ok(api.call("PUT", rules, """
                [{"when": "alert.source.startsWith('canary-')", "then": {"suppress": true}},
                 {"when": "alert.summary.contains('[test]')", "then": {"drop": true}}]"""), 200);
        double droppedBefore = meters.get("tocsin.rules.dropped").counter().count();

        send(AlertAction.TRIGGER, "canary", "Canary failing", Map.of("instance", "canary-1"), "canary-1");
        send(AlertAction.TRIGGER, "checkout", "[test] Checkout down", Map.of());
        // the same Kafka key, so applied after the dropped one
        send(AlertAction.TRIGGER, "checkout", "Checkout down", Map.of());

        UUID suppressed = onCall.awaitIncident(web, "canary");
        UUID kept = onCall.awaitIncident(web, "checkout");
        assertThat(incidents.find(suppressed).orElseThrow().suppressed()).isTrue();
        assertThat(onCall.timeline(suppressed)).containsExactly("TRIGGERED", "SUPPRESSED_BY_RULE");
        assertThat(onCall.timelineMessages(suppressed)).last().asString().contains("event rule 1");
        onCall.awaitPage(kept, webOnCall, Channel.SMS);
        assertThat(onCall.incidentIds(web, "checkout")).containsExactly(kept);
        assertThat(incidents.find(kept).orElseThrow().summary()).isEqualTo("Checkout down");
        assertThat(meters.get("tocsin.rules.dropped").counter().count()).isEqualTo(droppedBefore + 1);
        assertThat(onCall.pagesFor(suppressed)).isEmpty();

        // the canary's alert again: still suppressed, still nobody paged
        send(AlertAction.TRIGGER, "canary", "Canary failing again", Map.of(), "canary-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> incidents.alerts(suppressed).getFirst().triggerCount() == 2);
        assertThat(incidents.find(suppressed).orElseThrow().suppressed()).isTrue();
        assertThat(onCall.timeline(suppressed)).containsExactly("TRIGGERED", "SUPPRESSED_BY_RULE");

        // no rule suppresses the canary any more: its next repeat pages, and the timeline says why (no maintenance)
        ok(api.call("PUT", rules, "[]"), 200);
        send(AlertAction.TRIGGER, "canary", "Canary failing still", Map.of(), "canary-1");
        onCall.awaitPage(suppressed, webOnCall, Channel.SMS);
        assertThat(incidents.find(suppressed).orElseThrow().suppressed()).isFalse();
        assertThat(onCall.timeline(suppressed)).startsWith("TRIGGERED", "SUPPRESSED_BY_RULE", "RULE_SUPPRESSION_ENDED")
                .doesNotContain("MAINTENANCE_ENDED");
        assertThat(onCall.timelineMessages(suppressed).get(2)).contains("no event rule").doesNotContain("maintenance");
    }

    @Test
    void aRepeatNoRuleSuppressesDuringMaintenancePagesForTheRuleSuppressedIncidentWhenTheWindowEnds()
            throws Exception {
        ok(api.call("PUT", rules, """
                [{"when": "alert.source.startsWith('canary-')", "then": {"suppress": true}}]"""), 200);
        send(AlertAction.TRIGGER, "canary", "Canary failing", Map.of(), "canary-1");
        UUID suppressed = onCall.awaitIncident(web, "canary");
        await().atMost(Duration.ofSeconds(30)).until(() -> onCall.timeline(suppressed).contains("SUPPRESSED_BY_RULE"));
        services.addMaintenanceWindow(web.id(), clock.instant().minusSeconds(60),
                clock.instant().plus(Duration.ofMinutes(10)), "canary rebuild");

        // no rule suppresses the canary any more, but the service is in maintenance: nobody is paged until its end
        ok(api.call("PUT", rules, "[]"), 200);
        send(AlertAction.TRIGGER, "canary", "Canary failing still", Map.of(), "canary-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> onCall.timeline(suppressed).contains("SUPPRESSED"));
        assertThat(onCall.timelineMessages(suppressed)).last().asString().contains("in maintenance until");
        clock.advance(Duration.ofMinutes(9));
        await().atMost(Duration.ofSeconds(30)).until(() -> onCall.dueTimers(suppressed) == 0);
        assertThat(onCall.pagesFor(suppressed)).isEmpty();
        assertThat(incidents.find(suppressed).orElseThrow().suppressed()).isTrue();

        clock.advance(Duration.ofMinutes(2));
        onCall.awaitPage(suppressed, webOnCall, Channel.SMS);
        assertThat(incidents.find(suppressed).orElseThrow().suppressed()).isFalse();
        assertThat(onCall.timeline(suppressed)).containsSubsequence("SUPPRESSED_BY_RULE", "SUPPRESSED",
                "MAINTENANCE_ENDED");
    }

    @Test
    void aRuleSuppressingTheRepeatAgainDuringMaintenanceKeepsTheIncidentQuietWhenTheWindowEnds() throws Exception {
        String suppressCanaries = """
                [{"when": "alert.source.startsWith('canary-')", "then": {"suppress": true}}]""";
        ok(api.call("PUT", rules, suppressCanaries), 200);
        send(AlertAction.TRIGGER, "canary", "Canary failing", Map.of(), "canary-1");
        UUID suppressed = onCall.awaitIncident(web, "canary");
        services.addMaintenanceWindow(web.id(), clock.instant().minusSeconds(60),
                clock.instant().plus(Duration.ofMinutes(10)), "canary rebuild");
        ok(api.call("PUT", rules, "[]"), 200);
        send(AlertAction.TRIGGER, "canary", "Canary failing still", Map.of(), "canary-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> onCall.timeline(suppressed).contains("SUPPRESSED"));

        // the rule is back before the window ends: its end pages nobody
        ok(api.call("PUT", rules, suppressCanaries), 200);
        send(AlertAction.TRIGGER, "canary", "Canary failing again", Map.of(), "canary-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> onCall.timeline(suppressed).stream()
                .filter("SUPPRESSED_BY_RULE"::equals).count() == 2);
        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(30)).until(() -> onCall.dueTimers(suppressed) == 0);
        assertThat(onCall.pagesFor(suppressed)).isEmpty();
        assertThat(onCall.timeline(suppressed)).doesNotContain("MAINTENANCE_ENDED");

        // after the window, a repeat no rule suppresses pages at once
        ok(api.call("PUT", rules, "[]"), 200);
        send(AlertAction.TRIGGER, "canary", "Canary failing once more", Map.of(), "canary-1");
        onCall.awaitPage(suppressed, webOnCall, Channel.SMS);
        assertThat(onCall.timeline(suppressed)).contains("RULE_SUPPRESSION_ENDED");
    }

    @Test
    void trialRulesAnswerWhatTheAlertBecomesAndStoreNothing() throws Exception {
        long incidentsBefore = jdbc.sql("select count(*) from incident").query(Long.class).single();

        JsonNode result = ok(api.call("POST", rules + "/test", """
                {"alert": {"summary": "Disk /var at 97%%", "source": "db-3", "severity": "critical",
                           "dedupKey": "abc", "details": {"labels": {"cluster": "eu-1", "alertname": "DiskFull"}}},
                 "rules": [{"when": "alert.labels.team == 'db'", "then": {"routeTo": "%s"}},
                           {"when": "alert.summary.matches('(?i)disk .* 9[0-9]%%')",
                            "then": {"urgency": "LOW", "dedupKey": "alert.labels.cluster + '/' + alert.labels.alertname"},
                            "continue": true},
                           {"when": "alert.source.startsWith('db-')", "then": {"routeTo": "%s", "severity": "warning"}}]}
                """.formatted(databases.id(), databases.id())), 200);

        assertThat(result.path("matched").values()).extracting(JsonNode::asInt).containsExactly(2, 3);
        assertThat(result.path("dropped").asBoolean()).isFalse();
        assertThat(result.path("alert").path("serviceId").asString()).isEqualTo(databases.id().toString());
        assertThat(result.path("alert").path("serviceName").asString()).isEqualTo(databases.name());
        assertThat(result.path("alert").path("dedupKey").asString()).isEqualTo("eu-1/DiskFull");
        assertThat(result.path("alert").path("severity").asString()).isEqualTo(Severity.WARNING.name());
        assertThat(result.path("alert").path("urgency").asString()).isEqualTo("LOW");
        assertThat(result.path("errors").values()).singleElement().extracting(JsonNode::asString).asString()
                .startsWith("event rule 1 'when':");
        assertThat(jdbc.sql("select count(*) from incident").query(Long.class).single()).isEqualTo(incidentsBefore);
        assertThat(ok(api.call("GET", rules, null), 200).values()).isEmpty();
        assertThat(jdbc.sql("select count(*) from event_rules where integration_id = :id").param("id", integrationId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void theApiRefusesABadExpressionWithItsPositionAStaleETagAndAServiceThatIsNot() throws Exception {
        String rule = "[{\"when\": \"alert.source == 'db-1'\", \"then\": {\"urgency\": \"LOW\"}}]";
        var saved = api.call("PUT", rules, rule);
        ok(saved, 200);
        String etag = saved.headers().firstValue("ETag").orElseThrow();
        var read = api.call("GET", rules, null);
        assertThat(ok(read, 200).get(0).path("when").asString()).isEqualTo("alert.source == 'db-1'");
        assertThat(read.headers().firstValue("ETag")).contains(etag);

        assertThat(ok(api.call("PUT", rules, "[{\"when\": \"alert.sorce == 'x'\", \"then\": {\"urgency\": \"LOW\"}}]"),
                400).path("detail").asString()).isEqualTo("rule 1 'when' (alert.sorce == 'x'): undefined field 'sorce'"
                + " at line 1, column 6");
        assertThat(ok(api.call("PUT", rules, "[{\"when\": \"true\", \"then\": {\"routeTo\": \"" + UUID.randomUUID()
                + "\"}}]"), 400).path("detail").asString()).startsWith("rule 1: 'then.routeTo': no service has id");
        ok(api.callIfMatch("PUT", rules, "[]", "\"stale\""), 412);
        assertThat(ok(api.call("GET", rules, null), 200).values()).hasSize(1);
        ok(api.call("GET", "/api/v1/services/" + databases.id() + "/integrations/" + integrationId + "/rules", null),
                404);

        ok(api.callIfMatch("PUT", rules, "[{\"when\": \"true\", \"then\": {\"routeTo\": \"" + databases.id()
                + "\"}}]", etag), 200);
        assertThat(ok(api.call("DELETE", "/api/v1/services/" + databases.id(), null), 409).path("detail").asString())
                .contains("event rule");
        JsonNode audited = ok(api.call("GET", "/api/v1/audit-log?resourceType=EVENT_RULES&resourceId=" + integrationId,
                null), 200);
        assertThat(audited.path("entries").values()).hasSize(2);
    }

    private void send(AlertAction action, String dedupKey, String summary, Map<String, Object> labels) {
        send(action, dedupKey, summary, labels, "prometheus");
    }

    /** An Alertmanager alert of the integration, as ingest publishes it: its labels in details.labels. */
    private void send(AlertAction action, String dedupKey, String summary, Map<String, Object> labels, String source) {
        AlertEvent alert = new AlertEvent(UUID.randomUUID(), AlertEvent.SCHEMA_VERSION, action, web.id(),
                integrationId, "ALERTMANAGER", dedupKey, summary, Severity.CRITICAL, source,
                Map.of("labels", labels, "annotations", Map.of()), "{}", clock.instant(), clock.instant());
        TestKafka.send(Topics.ALERTS, alert.key(), alert);
    }
}
