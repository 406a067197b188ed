package io.tocsin.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.cli.RunningTocsin;
import io.tocsin.cli.api.AdminApi;
import io.tocsin.testkit.FakeOpsgenie;
import io.tocsin.testkit.FakeOpsgenie.EscalationRule;
import io.tocsin.testkit.FakeOpsgenie.Rotation;
import io.tocsin.testkit.FakeOpsgenie.ScheduleOverride;
import io.tocsin.testkit.FakeOpsgenie.Step;
import io.tocsin.testkit.FakeOpsgenie.TimeRestriction;
import io.tocsin.testkit.FakeOpsgenie.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team moves in from Opsgenie before its end of support: the import of a realistic account, applied to a running
 * Tocsin, has the same people on call as Opsgenie would at instants around the daylight saving changes of spring 2027.
 */
@ExtendWith(RunningTocsin.class)
class OpsgenieImportIntegrationTest {

    static final FakeOpsgenie OPSGENIE = new FakeOpsgenie(9);
    static final List<String> USERS = new ArrayList<>();

    @TempDir
    static Path files;

    @BeforeAll
    static void aRealisticAccount() {
        for (int i = 0; i < 24; i++) {
            String email = "engineer" + i + "@example.org";
            String user = OPSGENIE.user("Engineer " + i, email, "Europe/Berlin");
            USERS.add(user);
            OPSGENIE.contact(user, "email", email);
            String phone = "49-15112345" + String.format("%03d", i);
            OPSGENIE.contact(user, "sms", phone);
            OPSGENIE.contact(user, "mobile", "app");
            OPSGENIE.notificationRule(user, "New alert", "create-alert",
                    List.of(new Step(0, "email", email), new Step(2, "sms", phone)));
            if (i == 0) {
                OPSGENIE.notificationRule(user, "Closed", "closed-alert", List.of(new Step(0, "email", email)));
            }
        }
        String platform = OPSGENIE.team("Platform");
        String mobile = OPSGENIE.team("Mobile");
        String billing = OPSGENIE.team("Billing");
        TimeRestriction office = new TimeRestriction("weekday-and-time-of-day", List.of(
                new Window("monday", 8, 0, "friday", 18, 0)));
        TimeRestriction nights = new TimeRestriction("time-of-day", List.of(new Window(null, 18, 0, null, 8, 0)));
        String platformSchedule = OPSGENIE.schedule("Platform on call", "Europe/Berlin", platform, List.of(
                new Rotation("Office", Instant.parse("2026-11-02T07:00:00Z"), "weekly", 1, users(0, 4), office),
                new Rotation("Nights", Instant.parse("2026-11-02T17:00:00Z"), "daily", 1, users(4, 7), nights)),
                List.of(new ScheduleOverride(USERS.get(7), Instant.parse("2027-03-28T00:30:00Z"),
                        Instant.parse("2027-03-28T04:00:00Z"))));
        String mobileSchedule = OPSGENIE.schedule("Mobile", "America/New_York", mobile, List.of(
                new Rotation("Eight hours", Instant.parse("2026-12-01T13:00:00Z"), "hourly", 8, users(8, 12), null)),
                List.of(new ScheduleOverride(USERS.get(12), Instant.parse("2027-03-14T05:00:00Z"),
                        Instant.parse("2027-03-14T09:00:00Z"))));
        String billingSchedule = OPSGENIE.schedule("Billing", "Europe/London", billing, List.of(
                new Rotation("Fortnight", Instant.parse("2026-11-30T09:00:00Z"), "weekly", 2, users(13, 16), null),
                new Rotation("Backup", Instant.parse("2026-11-30T09:00:00Z"), "daily", 3, users(16, 19), null)),
                List.of());
        OPSGENIE.escalation("Platform", platform, List.of(new EscalationRule(0, "schedule", platformSchedule),
                new EscalationRule(10, "user", USERS.get(20)), new EscalationRule(10, "user", USERS.get(21))), 2, 15);
        OPSGENIE.escalation("Mobile", mobile, List.of(new EscalationRule(0, "schedule", mobileSchedule),
                new EscalationRule(5, "team", mobile)), 0, 0);
        OPSGENIE.escalation("Billing", billing, List.of(new EscalationRule(0, "schedule", billingSchedule),
                new EscalationRule(30, "user", USERS.get(22))), 1, 30);
        OPSGENIE.service("Kubernetes", platform);
        OPSGENIE.service("Edge", platform);
        OPSGENIE.service("iOS app", mobile);
        OPSGENIE.service("Invoicing", billing);
        OPSGENIE.service("Ledger", billing);
        OPSGENIE.integration("Alertmanager", "Prometheus", platform);
        OPSGENIE.integration("Grafana alerts", "Grafana", mobile);
        OPSGENIE.integration("Billing API", "API", billing);
        OPSGENIE.integration("Jira", "Jira", billing);
    }

    @AfterAll
    static void stop() {
        OPSGENIE.close();
    }

    @Test
    void whoIsOnCallAcrossTheDaylightSavingChangesIsWhatOpsgenieSays() throws Exception {
        Path file = files.resolve("opsgenie.yaml");
        String report = RunningTocsin.tocsin(0, "import", "opsgenie", "--api-url", OPSGENIE.url(),
                "--api-token", OPSGENIE.key(), "-o", file.toString());
        assertThat(report).contains("user 'engineer3@example.org': mobile contact",
                "user 'engineer0@example.org': notification rule 'Closed'",
                "escalation 'Mobile': recipient of type team", "integration 'Jira' (Jira)", "integration keys");
        assertThat(OPSGENIE.rateLimited()).as("requests answered 429, waited out and tried again").isPositive();
        assertThat(Files.readString(file)).contains("email: engineer23@example.org", "address: \"+4915112345007\"",
                "timeZone: America/New_York", "- name: Alertmanager\n    type: ALERTMANAGER");

        RunningTocsin.Instance tocsin = MovedIn.apply(file);
        Set<String> seen = MovedIn.assertOnCallAsInSource(tocsin, OPSGENIE.schedules(), FakeOpsgenie.Schedule::name, OpsgenieReference::onCall);
        AdminApi api = tocsin.api();
        assertThat(seen).contains("engineer7@example.org", "engineer12@example.org").hasSizeGreaterThan(10);
        String platform = api.get("/api/v1/escalation-policies").path("escalationPolicies").valueStream()
                .filter(policy -> policy.path("name").asString().equals("Platform")).findFirst().orElseThrow()
                .toString();
        // rules at 0 and 10 minutes after the alert: the first level waits 10 minutes, the last the repeat interval
        assertThat(platform).contains("\"delay\":\"PT10M\"", "\"delay\":\"PT15M\"", "\"repeatCount\":2");
    }

    private static List<String> users(int from, int to) {
        return USERS.subList(from, to);
    }

    /**
     * Who Opsgenie has on call, worked out from the fake's account as Opsgenie's documentation describes it: every
     * rotation of the schedule is on call at once; hourly turns are real hours, daily and weekly ones hand over at the
     * same local time; restrictions are windows of local time; an override puts its user on call instead.
     */
    static final class OpsgenieReference {

        static Set<String> onCall(FakeOpsgenie.Schedule schedule, Instant at) {
            ZoneId zone = ZoneId.of(schedule.timezone());
            for (ScheduleOverride override : schedule.overrides()) {
                if (!at.isBefore(override.startDate()) && at.isBefore(override.endDate())) {
                    return Set.of(OPSGENIE.username(override.userId()));
                }
            }
            Set<String> onCall = new TreeSet<>();
            for (Rotation rotation : schedule.rotations()) {
                if (rotation.restriction() != null && !inside(rotation.restriction(), at, zone)) {
                    continue;
                }
                LocalDateTime start = rotation.startDate().atZone(zone).toLocalDateTime();
                long turn = 0;
                while (!handoff(rotation, start, turn + 1, zone).isAfter(at)) {
                    turn++;
                }
                onCall.add(OPSGENIE.username(rotation.userIds().get((int) (turn % rotation.userIds().size()))));
            }
            return onCall;
        }

        private static Instant handoff(Rotation rotation, LocalDateTime start, long turn, ZoneId zone) {
            long n = turn * rotation.length();
            return switch (rotation.type()) {
                case "hourly" -> start.atZone(zone).toInstant().plusSeconds(n * 3600);
                case "daily" -> start.plusDays(n).atZone(zone).toInstant();
                default -> start.plusWeeks(n).atZone(zone).toInstant();
            };
        }

        private static boolean inside(TimeRestriction restriction, Instant at, ZoneId zone) {
            LocalDate today = at.atZone(zone).toLocalDate();
            for (Window window : restriction.windows()) {
                for (LocalDate day = today.minusDays(7); !day.isAfter(today); day = day.plusDays(1)) {
                    if (window.startDay() != null && day.getDayOfWeek()
                            != DayOfWeek.valueOf(window.startDay().toUpperCase(Locale.ROOT))) {
                        continue;
                    }
                    LocalDateTime opens = day.atTime(window.startHour(), window.startMin());
                    LocalTime closing = LocalTime.of(window.endHour(), window.endMin());
                    LocalDateTime closes = window.endDay() == null
                            ? (closing.isAfter(opens.toLocalTime()) ? day : day.plusDays(1)).atTime(closing)
                            : day.plusDays((DayOfWeek.valueOf(window.endDay().toUpperCase(Locale.ROOT)).getValue()
                                    - day.getDayOfWeek().getValue() + 7) % 7).atTime(closing);
                    if (!at.isBefore(opens.atZone(zone).toInstant()) && at.isBefore(closes.atZone(zone).toInstant())) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
