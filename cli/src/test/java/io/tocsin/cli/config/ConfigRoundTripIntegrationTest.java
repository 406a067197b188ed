package io.tocsin.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.cli.RunningTocsin;
import io.tocsin.cli.api.AdminApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration as code between two Tocsins: staging's setup exported, applied to an empty production, exported again
 * to the same file; a second apply has nothing to do; a dry run and a bad file change nothing.
 */
@ExtendWith(RunningTocsin.class)
class ConfigRoundTripIntegrationTest {

    static RunningTocsin.Instance staging;
    static RunningTocsin.Instance production;

    @TempDir
    static Path files;

    @BeforeAll
    static void stagingHasARealisticSetup() {
        staging = RunningTocsin.named("staging");
        production = RunningTocsin.named("production");
        AdminApi api = staging.api();
        String platform = id(api.post("/api/v1/teams", Map.of("name", "Platform")));
        String payments = id(api.post("/api/v1/teams", Map.of("name", "Payments")));
        String ada = user(api, "Ada Lovelace", "ada@example.com", "SMS", "+12015550123");
        String grace = user(api, "Grace Hopper", "grace@example.com", "EMAIL", "grace@example.com");
        String alan = user(api, "Alan Turing", "alan@example.com", "SLACK", "U024BE7LH");
        String edsger = user(api, "Edsger Dijkstra", "edsger@example.com", "VOICE", "+12015550188");

        String primary = id(api.post("/api/v1/schedules", Map.of("name", "Platform primary",
                "timeZone", "Europe/Berlin", "teamId", platform, "rotations", List.of(
                        Map.of("name", "weekly", "start", "2026-01-05T09:00:00", "shiftLength", 1, "shiftUnit", "WEEKS",
                                "participants", List.of(ada, grace, alan), "layer", 1),
                        Map.of("name", "office hours", "start", "2026-01-05T09:00:00", "shiftLength", 1,
                                "shiftUnit", "DAYS", "participants", List.of(edsger, ada), "layer", 2,
                                "restrictions", List.of(Map.of("days", List.of("MONDAY", "TUESDAY", "WEDNESDAY",
                                        "THURSDAY", "FRIDAY"), "start", "09:00", "end", "17:00")))))));
        Instant tomorrow = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.DAYS);
        api.post("/api/v1/schedules/" + primary + "/overrides", Map.of("userId", edsger, "replacesUserId", ada,
                "startsAt", tomorrow.toString(), "endsAt", tomorrow.plus(8, ChronoUnit.HOURS).toString()));
        id(api.post("/api/v1/schedules", Map.of("name", "Payments nights", "timeZone", "America/New_York",
                "teamId", payments, "rotations", List.of(Map.of("name", "nights", "start", "2026-02-01T18:00:00",
                        "shiftLength", 12, "shiftUnit", "HOURS", "participants", List.of(grace, edsger))))));

        String platformPolicy = id(api.post("/api/v1/escalation-policies", Map.of("name", "Platform",
                "repeatCount", 2, "teamId", platform, "levels", List.of(
                        Map.of("delay", "PT5M", "targets", List.of(Map.of("type", "SCHEDULE", "id", primary))),
                        Map.of("delay", "PT15M", "targets", List.of(Map.of("type", "USER", "id", alan),
                                Map.of("type", "SLACK_CHANNEL", "id", "C024BE91L")))))));
        String paymentsPolicy = id(api.post("/api/v1/escalation-policies", Map.of("name", "Payments",
                "teamId", payments, "levels", List.of(Map.of("delay", "PT10M",
                        "targets", List.of(Map.of("type", "USER", "id", grace))))))); 

        String checkout = id(api.post("/api/v1/services", Map.of("name", "Checkout", "teamId", payments,
                "escalationPolicyId", paymentsPolicy, "urgency", "HIGH", "ackTimeout", "PT30M",
                "alertGrouping", Map.of("type", "CONTENT", "window", "PT10M", "fields", List.of("labels.cluster")),
                "resolveWhen", "FIRST_RESOLVE", "stormGuard", Map.of("threshold", 20, "window", "PT2M"))));
        api.post("/api/v1/services/" + checkout + "/integrations", Map.of("type", "EVENTS_V2", "name", "Datadog"));
        String prometheus = id(api.post("/api/v1/services/" + checkout + "/integrations",
                Map.of("type", "ALERTMANAGER", "name", "Prometheus")).path("integration"));
        api.post("/api/v1/services/" + checkout + "/maintenance-windows", Map.of("startsAt", tomorrow.toString(),
                "endsAt", tomorrow.plus(2, ChronoUnit.HOURS).toString(), "reason", "database upgrade"));
        String search = id(api.post("/api/v1/services", Map.of("name", "Search", "teamId", platform,
                "escalationPolicyId", platformPolicy, "urgency", "LOW", "autoResolveTimeout", "PT4H",
                "alertGrouping", Map.of("type", "TIME", "window", "PT5M"))));
        // Checkout's rules route to Search, which an empty Tocsin gets after Checkout (services go by name)
        api.put("/api/v1/services/" + checkout + "/integrations/" + prometheus + "/rules", null, List.of(
                Map.of("when", "alert.labels.team == 'search'", "then", Map.of("routeTo", search, "urgency", "LOW"),
                        "continue", true),
                Map.of("when", "size(alert.summary) > 200", "then", Map.of("suppress", true)),
                Map.of("when", "true", "then", Map.of("dedupKey", "alert.labels.cluster + '/' + alert.summary",
                        "severity", "ERROR"))));
        String cron = id(api.post("/api/v1/services/" + search + "/integrations",
                Map.of("type", "GENERIC", "name", "nightly reindex")).path("integration"));
        api.post("/api/v1/services/" + search + "/integrations/" + cron + "/disable", null);
        api.post("/api/v1/status-pages", Map.of("slug", "acme", "title", "Acme status",
                "serviceIds", List.of(checkout, search)));
    }

    @Test
    void anExportAppliedToAnEmptyTocsinExportsTheSameFileAndASecondApplyHasNothingToDo() throws Exception {
        String exported = staging.run(0, "config", "export");
        assertThat(exported).contains("email: ada@example.com", "timeZone: Europe/Berlin", "schedule: Platform primary",
                "escalationPolicy: Payments", "slug: acme", "type: CONTENT", "- labels.cluster",
                "resolveWhen: FIRST_RESOLVE", "threshold: 20", "routeTo: Search", "size(alert.summary) > 200",
                "continue: true").doesNotContain("id:", "key:");
        Path file = Files.writeString(files.resolve("tocsin.yaml"), exported);

        String applied = production.run(0, "config", "apply", "-f", file.toString());
        assertThat(applied).contains("+ team 'Platform'", "+ schedule 'Platform primary'", "+ service 'Checkout'",
                "Plan: 13 to create", "Applied.");
        // the new keys, once each: monitors need them, and Tocsin keeps only their hash
        assertThat(applied).containsPattern("key of new integration 'Datadog' of service 'Checkout' \\(shown this"
                + " once\\): [0-9a-f]{32}");

        assertThat(production.run(0, "config", "export")).isEqualTo(exported);
        assertThat(production.run(0, "config", "apply", "-f", file.toString()))
                .contains("Plan: 0 to create, 0 to update, 0 to delete, 13 unchanged.", "Nothing to do");
    }

    @Test
    void changesAreAppliedInPlaceAndPruningDeletesWhatTheFileNoLongerHas() throws Exception {
        RunningTocsin.Instance copy = RunningTocsin.named("copy");
        String exported = staging.run(0, "config", "export");
        copy.run(0, "config", "apply", "-f", Files.writeString(files.resolve("copy.yaml"), exported).toString());
        String changed = exported
                .replace("name: Alan Turing", "name: Alan M. Turing")
                .replace("  repeatCount: 2", "  repeatCount: 3")
                .replace("    - urgency: LOW\n      delay: PT10M\n- email: grace", "- email: grace")
                .replace("  ackTimeout: PT30M", "  ackTimeout: PT45M")
                .replace("    type: GENERIC\n    enabled: false", "    type: GENERIC")
                .replace("  - name: Prometheus\n    type: ALERTMANAGER", "  - name: Prometheus\n    type: GRAFANA")
                .replace("routeTo: Search\n        urgency: LOW", "routeTo: Search\n        urgency: HIGH")
                .replace("    window: PT5M", "    window: PT15M")
                .replace("title: Acme status", "title: Acme Inc. status")
                // the team goes: first from the teams (listed first), then from everything it owned
                .replaceFirst("- name: Platform\n", "")
                .replace("  team: Platform\n", "");
        Path file = Files.writeString(files.resolve("changed.yaml"), changed);

        String applied = copy.run(0, "config", "apply", "-f", file.toString(), "--prune");

        assertThat(applied).contains("~ user 'alan@example.com': name Alan Turing -> Alan M. Turing",
                "~ user 'edsger@example.com': contactMethods", "~ schedule 'Platform primary': team Platform -> (none)",
                "~ escalation policy 'Platform': team Platform -> (none), repeatCount 2 -> 3",
                "~ service 'Checkout': ackTimeout PT30M -> PT45M",
                "~ service 'Search': team Platform -> (none), alertGrouping, integrations",
                "~ status page 'acme': title Acme status -> Acme Inc. status", "- team 'Platform'",
                "Plan: 0 to create, 7 to update, 1 to delete, 5 unchanged.", "Applied.");
        assertThat(changed).contains("type: GRAFANA", "urgency: HIGH", "window: PT15M", "Acme Inc. status");
        assertThat(copy.run(0, "config", "export")).isEqualTo(DocumentFile.write(DocumentFile.parse(changed, "changed")
                .document()));
    }

    @Test
    void aDryRunPrintsTheChangesAndMakesNone() throws Exception {
        Path file = Files.writeString(files.resolve("renamed.yaml"), staging.run(0, "config", "export")
                .replace("name: Grace Hopper", "name: Grace Brewster Hopper")
                .replace("teams:\n", "teams:\n- name: Search quality\n"));
        String before = staging.run(0, "config", "export");

        String plan = staging.run(0, "config", "apply", "-f", file.toString(), "--dry-run");

        assertThat(plan).contains("+ team 'Search quality'",
                "~ user 'grace@example.com': name Grace Hopper -> Grace Brewster Hopper",
                "Plan: 1 to create, 1 to update, 0 to delete", "Dry run: nothing was changed.");
        assertThat(staging.run(0, "config", "export")).isEqualTo(before);
    }

    @Test
    void aBadFileIsRefusedNamingItsLinesAndNothingChanges() throws Exception {
        String exported = staging.run(0, "config", "export");
        Path file = Files.writeString(files.resolve("bad.yaml"), exported
                .replaceFirst("- grace@example\\.com", "- nobody@example.com")
                .replace("escalationPolicy: Payments", "escalationPolicy: Payment")
                .replace("size(alert.summary) > 200", "size(alert.summary) >")
                .replace("routeTo: Search", "routeTo: Serch"));
        int participantLine = lineOf(exported, "- grace@example.com");

        String refusal = staging.run(1, "config", "apply", "-f", file.toString());

        assertThat(refusal).contains("Nothing was changed: 4 problem(s)",
                file + " line " + participantLine + ", schedules[",
                "no user 'nobody@example.com' in the file or in Tocsin",
                "no escalation policy 'Payment' in the file or in Tocsin",
                "line " + lineOf(exported, "routeTo: Search") + ", services[0].integrations[1].rules[0].then.routeTo: no"
                        + " service 'Serch'",
                "line " + lineOf(exported, "size(alert.summary) > 200") + ", services[0].integrations[1].rules[1].when:"
                        + " 'when' (size(alert.summary) >)");
        Path malformed = Files.writeString(files.resolve("malformed.yaml"),
                exported.replace("shiftUnit: WEEKS", "shiftUnit: FORTNIGHTS"));
        assertThat(staging.run(1, "config", "apply", "-f", malformed.toString()))
                .contains(malformed + " line " + lineOf(exported, "shiftUnit: WEEKS"), "shiftUnit", "FORTNIGHTS");
        assertThat(staging.run(0, "config", "export")).isEqualTo(exported);
    }

    private static int lineOf(String text, String fragment) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i + 1;
            }
        }
        throw new AssertionError(fragment + " not in\n" + text);
    }

    private static String user(AdminApi api, String name, String email, String channel, String address) {
        String user = id(api.post("/api/v1/users", Map.of("name", name, "email", email)));
        String method = id(api.post("/api/v1/users/" + user + "/contact-methods",
                Map.of("channel", channel, "address", address)));
        api.post("/api/v1/users/" + user + "/notification-rules", Map.of("contactMethodId", method, "urgency", "HIGH",
                "delay", "PT0S"));
        api.post("/api/v1/users/" + user + "/notification-rules", Map.of("contactMethodId", method, "urgency", "LOW",
                "delay", "PT10M"));
        return user;
    }

    private static String id(tools.jackson.databind.JsonNode created) {
        return created.path("id").asString();
    }
}
