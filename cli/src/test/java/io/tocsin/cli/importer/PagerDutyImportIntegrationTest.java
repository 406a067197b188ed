package io.tocsin.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.cli.RunningTocsin;
import io.tocsin.cli.api.AdminApi;
import io.tocsin.cli.api.ApiRefused;
import io.tocsin.testkit.FakePagerDuty;
import io.tocsin.testkit.FakePagerDuty.Layer;
import io.tocsin.testkit.FakePagerDuty.Restriction;
import io.tocsin.testkit.FakePagerDuty.Rule;
import io.tocsin.testkit.FakePagerDuty.ScheduleOverride;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A team moves in from PagerDuty: the import of a realistic account, applied to a running Tocsin, has the same people on
 * call as PagerDuty would at instants around the daylight saving changes of spring 2027, and keeps the Events API keys.
 */
@ExtendWith(RunningTocsin.class)
class PagerDutyImportIntegrationTest {

    static final FakePagerDuty PAGERDUTY = new FakePagerDuty(7);
    static final Map<String, String> KEYS = new HashMap<>();
    static final List<String> USERS = new ArrayList<>();

    @TempDir
    static Path files;

    @BeforeAll
    static void aRealisticAccount() {
        for (int i = 0; i < 28; i++) {
            String email = "responder" + i + "@example.com";
            String user = PAGERDUTY.user("Responder " + i, email, "America/New_York");
            USERS.add(user);
            String mail = PAGERDUTY.contactMethod(user, "email_contact_method", "Work", email, null);
            PAGERDUTY.notificationRule(user, mail, "email_contact_method", "high", 0);
            PAGERDUTY.notificationRule(user, mail, "email_contact_method", "low", 5);
            if (i % 3 == 0) {
                String phone = PAGERDUTY.contactMethod(user, "phone_contact_method", "Mobile",
                        "20155501" + String.format("%02d", i), 1);
                PAGERDUTY.notificationRule(user, phone, "phone_contact_method", "high", 5);
                String sms = PAGERDUTY.contactMethod(user, "sms_contact_method", "Mobile",
                        "20155501" + String.format("%02d", i), 1);
                PAGERDUTY.notificationRule(user, sms, "sms_contact_method", "high", 1);
            }
            if (i == 4) {
                PAGERDUTY.contactMethod(user, "push_notification_contact_method", "iPhone", "device-token", null);
            }
        }
        String web = PAGERDUTY.team("Web");
        String data = PAGERDUTY.team("Data");
        String payments = PAGERDUTY.team("Payments");
        List<Restriction> weekdays = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            weekdays.add(new Restriction(LocalTime.of(9, 0), 8 * 3600, day));
        }
        String webPrimary = PAGERDUTY.schedule("Web primary", "America/New_York", List.of(
                layer("Weekly", "2026-11-02T09:00:00-05:00", 7 * 86400, users(0, 6), List.of()),
                layer("Weekday daytime", "2026-11-02T09:00:00-05:00", 86400, users(6, 9), weekdays)),
                List.of(new ScheduleOverride(USERS.get(9), OffsetDateTime.parse("2027-03-14T00:00:00-05:00"),
                        OffsetDateTime.parse("2027-03-14T12:00:00-04:00"))), web);
        String database = PAGERDUTY.schedule("Database", "Europe/Berlin", List.of(
                layer("Twelve hours", "2026-10-01T08:00:00+02:00", 12 * 3600, users(10, 14), List.of()),
                layer("Nights", "2026-10-05T20:00:00+02:00", 7 * 86400, users(14, 16),
                        List.of(new Restriction(LocalTime.of(20, 0), 12 * 3600, null)))),
                List.of(new ScheduleOverride(USERS.get(16), OffsetDateTime.parse("2027-03-28T01:00:00+01:00"),
                        OffsetDateTime.parse("2027-03-28T05:00:00+02:00"))), data);
        String payday = PAGERDUTY.schedule("Payments", "Europe/London", List.of(
                layer("Two days", "2026-12-01T10:00:00Z", 2 * 86400, users(17, 21),
                        List.of(new Restriction(LocalTime.of(8, 0), 4 * 86400 + 12 * 3600, 1)))),
                List.of(new ScheduleOverride(USERS.get(21), OffsetDateTime.parse("2027-03-27T10:00:00Z"),
                        OffsetDateTime.parse("2027-03-29T10:00:00+01:00"))), payments);

        String webPolicy = PAGERDUTY.escalationPolicy("Web", 2, List.of(
                new Rule(10, List.of(Map.of("type", "schedule_reference", "id", webPrimary))),
                new Rule(15, List.of(Map.of("type", "user_reference", "id", USERS.get(22)),
                        Map.of("type", "user_reference", "id", USERS.get(23))))), web);
        String dataPolicy = PAGERDUTY.escalationPolicy("Data", 0, List.of(
                new Rule(30, List.of(Map.of("type", "schedule_reference", "id", database)))), data);
        String paymentsPolicy = PAGERDUTY.escalationPolicy("Payments", 1, List.of(
                new Rule(5, List.of(Map.of("type", "schedule_reference", "id", payday))),
                new Rule(10, List.of(Map.of("type", "user_reference", "id", USERS.get(24))))), payments);

        String storefront = PAGERDUTY.service("Storefront", webPolicy, "high", 1800, null, web);
        KEYS.put("Storefront", PAGERDUTY.integration(storefront, "events_api_v2_inbound_integration", "Datadog"));
        PAGERDUTY.integration(storefront, "generic_email_inbound_integration", "Email");
        String api = PAGERDUTY.service("Public API", webPolicy, null, null, 14400, web);
        KEYS.put("Public API", PAGERDUTY.integration(api, "events_api_v2_inbound_integration", "Prometheus"));
        String warehouse = PAGERDUTY.service("Warehouse", dataPolicy, "low", null, null, data);
        KEYS.put("Warehouse", PAGERDUTY.integration(warehouse, "generic_events_api_inbound_integration", "Nagios"));
        PAGERDUTY.service("Replication", dataPolicy, "high", null, null, data);
        String checkout = PAGERDUTY.service("Checkout", paymentsPolicy, "high", 600, 86400, payments);
        KEYS.put("Checkout", PAGERDUTY.integration(checkout, "events_api_v2_inbound_integration", "CloudWatch"));
    }

    @AfterAll
    static void stop() {
        PAGERDUTY.close();
    }

    @Test
    void whoIsOnCallAcrossTheDaylightSavingChangesIsWhatPagerDutySays() throws Exception {
        Path file = files.resolve("pagerduty.yaml");
        String report = RunningTocsin.tocsin(0, "import", "pagerduty", "--api-url", PAGERDUTY.url(),
                "--api-token", PAGERDUTY.token(), "-o", file.toString());
        assertThat(report).contains("Not carried over (3):",
                "user 'responder4@example.com': push notification contact method 'iPhone'",
                "service 'Storefront': integration 'Email' (generic_email_inbound_integration)",
                "service 'Public API': urgency by support hours");
        assertThat(PAGERDUTY.rateLimited()).as("requests answered 429, waited out and tried again").isPositive();
        assertThat(Files.readString(file)).contains("email: responder27@example.com", "timeZone: Europe/London",
                "schedule: Database", "escalationPolicy: Payments", "- name: Nagios\n    type: EVENTS_V1");

        RunningTocsin.Instance tocsin = MovedIn.apply(file);
        Set<String> seen = MovedIn.assertOnCallAsInSource(tocsin, PAGERDUTY.schedules(), FakePagerDuty.Schedule::name, PagerDutyReference::onCall);
        AdminApi api = tocsin.api();

        // the instants catch each override, and layers winning over others
        assertThat(seen).contains("responder9@example.com", "responder16@example.com", "responder21@example.com",
                "responder6@example.com", "responder14@example.com").hasSizeGreaterThan(10);

        // each Events API key is the integration's in Tocsin now: no other integration may take it
        String service = api.get("/api/v1/services").path("services").get(0).path("id").asString();
        for (String key : KEYS.values()) {
            try {
                api.post("/api/v1/services/" + service + "/integrations", Map.of("type", "GENERIC", "name", "copy",
                        "key", key));
                throw new AssertionError("the key " + key + " was free in Tocsin");
            } catch (ApiRefused refused) {
                assertThat(refused.getMessage()).contains("409", "already the key of an integration");
            }
        }
    }

    private static Layer layer(String name, String virtualStart, long turnSeconds, List<String> users,
            List<Restriction> restrictions) {
        OffsetDateTime start = OffsetDateTime.parse(virtualStart);
        return new Layer(name, start, null, start, turnSeconds, users, restrictions);
    }

    private static List<String> users(int from, int to) {
        return USERS.subList(from, to);
    }

    /**
     * Who PagerDuty has on call, worked out from the fake's account as PagerDuty's documentation describes it: the last
     * layer made that has someone wins; turns of whole days hand over at the same local time; restrictions are
     * windows of local time; an override puts its user on call instead of everyone.
     */
    static final class PagerDutyReference {

        static Set<String> onCall(FakePagerDuty.Schedule schedule, Instant at) {
            ZoneId zone = ZoneId.of(schedule.timeZone());
            for (ScheduleOverride override : schedule.overrides()) {
                if (!at.isBefore(override.start().toInstant()) && at.isBefore(override.end().toInstant())) {
                    return Set.of(PAGERDUTY.email(override.userId()));
                }
            }
            for (Layer layer : schedule.layers().reversed()) {
                if (at.isBefore(layer.start().toInstant()) || !inRestrictions(layer, at, zone)) {
                    continue;
                }
                LocalDateTime start = layer.rotationVirtualStart().atZoneSameInstant(zone).toLocalDateTime();
                long turn = 0;
                while (!handoff(start, layer.turnSeconds(), turn + 1, zone).isAfter(at)) {
                    turn++;
                }
                return Set.of(PAGERDUTY.email(layer.userIds().get((int) (turn % layer.userIds().size()))));
            }
            return Set.of();
        }

        private static Instant handoff(LocalDateTime start, long turnSeconds, long turn, ZoneId zone) {
            return turnSeconds % 86400 == 0 ? start.plusDays(turn * turnSeconds / 86400).atZone(zone).toInstant()
                    : start.atZone(zone).toInstant().plusSeconds(turn * turnSeconds);
        }

        private static boolean inRestrictions(Layer layer, Instant at, ZoneId zone) {
            if (layer.restrictions().isEmpty()) {
                return true;
            }
            LocalDate today = at.atZone(zone).toLocalDate();
            for (Restriction restriction : layer.restrictions()) {
                for (LocalDate day = today.minusDays(7); !day.isAfter(today); day = day.plusDays(1)) {
                    if (restriction.startDayOfWeek() != null && day.getDayOfWeek().getValue() != restriction.startDayOfWeek()) {
                        continue;
                    }
                    LocalDateTime opens = day.atTime(restriction.startTimeOfDay());
                    Instant from = opens.atZone(zone).toInstant();
                    Instant to = opens.plusSeconds(restriction.durationSeconds()).atZone(zone).toInstant();
                    if (!at.isBefore(from) && at.isBefore(to)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
