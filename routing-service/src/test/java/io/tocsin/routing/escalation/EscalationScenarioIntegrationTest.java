package io.tocsin.routing.escalation;

import static io.tocsin.routing.OnCall.level;
import static io.tocsin.routing.OnCall.onCallIn;
import static io.tocsin.routing.OnCall.slackChannel;
import static io.tocsin.routing.OnCall.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentCommand.CommandType;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Escalation read as a runbook, in business time: the clock moves, nobody sleeps. */
@RoutingIntegrationTest
class EscalationScenarioIntegrationTest {

    private static final Duration A_MOMENT = Duration.ofSeconds(30);

    @Autowired
    OnCall onCall;
    @Autowired
    MutableClock clock;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient jdbc;

    @Test
    void smsNowCallAfterTwoMinutesThenTheOnCallOfLevelTwoAfterFiveAndAnSmsAckStopsEverything() {
        User alice = onCall.responder("Alice");
        onCall.pages(alice, Channel.SMS, "+12015550100", Duration.ZERO);
        onCall.pages(alice, Channel.VOICE, "+12015550100", Duration.ofMinutes(2));
        User bob = onCall.responder("Bob");
        onCall.pages(bob, Channel.SMS, "+12015550101", Duration.ZERO);
        User carl = onCall.responder("Carl");
        onCall.pages(carl, Channel.SMS, "+12015550102", Duration.ZERO);
        // Bob has today's shift of the secondary rotation, Carl tomorrow's
        Service checkout = onCall.service(onCall.policy(0,
                level(Duration.ofMinutes(5), alice),
                onCallIn(Duration.ofMinutes(5), onCall.dailyRotation(bob, carl))));

        // a monitor triggers: Alice gets an SMS straight away
        onCall.trigger(checkout, "checkout-down", "Checkout is down");
        UUID incident = onCall.awaitIncident(checkout, "checkout-down");
        awaitPages(incident, "Alice by SMS", alice, Channel.SMS);

        // two minutes on, nobody acknowledged: Alice's phone rings
        clock.advance(Duration.ofMinutes(2));
        awaitPages(incident, "Alice by SMS, then a call", alice, Channel.SMS, alice, Channel.VOICE);

        // five minutes after the trigger, level 2: whoever is on call, Bob, gets an SMS
        clock.advance(Duration.ofMinutes(3));
        awaitPages(incident, "then level 2", alice, Channel.SMS, alice, Channel.VOICE, bob, Channel.SMS);
        assertThat(onCall.pagesFor(incident)).allSatisfy(page -> assertThat(page.summary()).isEqualTo("Checkout is down"));

        // Bob acknowledges by SMS: nothing more is sent, however long it stays unresolved
        onCall.command(incident, CommandType.ACKNOWLEDGE, bob, Channel.SMS);
        await().atMost(A_MOMENT).until(() -> onCall.timeline(incident).contains("ACKNOWLEDGED"));
        clock.advance(Duration.ofHours(2));
        await().atMost(A_MOMENT).until(() -> onCall.dueTimers(incident) == 0);
        assertThat(onCall.timeline(incident)).filteredOn("NOTIFICATION_QUEUED"::equals).hasSize(3);
        assertThat(onCall.timeline(incident)).containsSubsequence(
                "TRIGGERED", "ESCALATED", "NOTIFICATION_QUEUED", "NOTIFICATION_QUEUED", "ESCALATED",
                "NOTIFICATION_QUEUED", "ACKNOWLEDGED");
    }

    @Test
    void aLevelCanPostToAWebhookNamedOnTheTimelineByItsHostOnly() {
        Service hooked = onCall.service(onCall.policy(0, webhook(Duration.ofMinutes(5),
                "https://hooks.example.com/tocsin?token=s3cret")));

        onCall.trigger(hooked, "hooked", "Posted to a webhook");
        UUID incident = onCall.awaitIncident(hooked, "hooked");

        await().atMost(A_MOMENT).untilAsserted(() -> assertThat(onCall.pagesFor(incident)).singleElement().satisfies(post -> {
            assertThat(post.channel()).isEqualTo(Channel.WEBHOOK);
            assertThat(post.address()).isEqualTo("https://hooks.example.com/tocsin?token=s3cret");
            assertThat(post.userId()).isNull();
        }));
        assertThat(jdbc.sql("select message from incident_log where incident_id = :id and event = 'NOTIFICATION_QUEUED'")
                .param("id", incident).query(String.class).single())
                .endsWith("to webhook at hooks.example.com");
    }

    @Test
    void aLevelCanPostToASlackChannelBesidesPagingPeople() {
        User fay = onCall.responder("Fay");
        onCall.pages(fay, Channel.SMS, "+12015550105", Duration.ZERO);
        Service api = onCall.service(onCall.policy(0,
                level(Duration.ofMinutes(5), fay), slackChannel(Duration.ofMinutes(5), "C0OPSALERT")));

        onCall.trigger(api, "api-errors", "API errors");
        UUID incident = onCall.awaitIncident(api, "api-errors");
        awaitPages(incident, "Fay by SMS", fay, Channel.SMS);
        clock.advance(Duration.ofMinutes(5));

        await().atMost(A_MOMENT).untilAsserted(() -> assertThat(onCall.pagesFor(incident)).hasSize(2).last().satisfies(post -> {
            assertThat(post.channel()).isEqualTo(Channel.SLACK);
            assertThat(post.address()).isEqualTo("C0OPSALERT");
            assertThat(post.userId()).isNull();
        }));
    }

    @Test
    void aScheduleWithNobodyOnCallIsRecordedNotSilent() {
        Service empty = onCall.service(onCall.policy(0, onCallIn(Duration.ofMinutes(5), onCall.dailyRotation())));

        onCall.trigger(empty, "nobody-on-call", "Nobody on call");

        UUID incident = onCall.awaitIncident(empty, "nobody-on-call");
        await().atMost(A_MOMENT).until(() -> onCall.timeline(incident).contains("NOBODY_PAGED"));
    }

    @Test
    void aTimerThatCannotBeFiredIsSetAsideAndDoesNotHoldBackOtherPages() {
        User gus = onCall.responder("Gus");
        onCall.pages(gus, Channel.SMS, "+12015550106", Duration.ZERO);
        User hal = onCall.responder("Hal");
        onCall.pages(hal, Channel.SMS, "+12015550107", Duration.ZERO);
        UUID halsRotation = onCall.dailyRotation(hal);
        var broken = onCall.policy(0, level(Duration.ofMinutes(5), gus), onCallIn(Duration.ofMinutes(5), halsRotation));
        // a schedule no API would accept, as a bad migration or a hand edit might leave behind
        jdbc.sql("update schedule set time_zone = 'Nowhere/Atlantis' where id = :schedule")
                .param("schedule", halsRotation)
                .update();
        Service fragile = onCall.service(broken);
        Service healthy = onCall.service(onCall.policy(0,
                level(Duration.ofMinutes(5), gus), level(Duration.ofMinutes(5), hal)));
        double failuresBefore = meters.get("tocsin.escalation.timer.failures").counter().count();

        onCall.trigger(fragile, "fragile", "Fragile");
        onCall.trigger(healthy, "healthy", "Healthy");
        UUID stuck = onCall.awaitIncident(fragile, "fragile");
        UUID fine = onCall.awaitIncident(healthy, "healthy");
        awaitPages(stuck, "Gus first", gus, Channel.SMS);
        awaitPages(fine, "Gus first", gus, Channel.SMS);
        clock.advance(Duration.ofMinutes(5));

        awaitPages(fine, "then Hal, whatever the other incident's timer does", gus, Channel.SMS, hal, Channel.SMS);
        await().atMost(A_MOMENT).until(() ->
                meters.get("tocsin.escalation.timer.failures").counter().count() > failuresBefore);
        assertThat(onCall.dueTimers(stuck)).isZero();
    }

    @Test
    void thePolicyRepeatsFromLevelOneAsOftenAsItSaysThenStops() {
        User carol = onCall.responder("Carol");
        onCall.pages(carol, Channel.SMS, "+12015550102", Duration.ZERO);
        Service batch = onCall.service(onCall.policy(2, level(Duration.ofMinutes(10), carol)));

        onCall.trigger(batch, "nightly-job", "Nightly job failed");
        UUID incident = onCall.awaitIncident(batch, "nightly-job");
        awaitPages(incident, "first page", carol, Channel.SMS);
        for (int round = 2; round <= 3; round++) {
            clock.advance(Duration.ofMinutes(10));
            int expected = round;
            await().atMost(A_MOMENT).until(() -> onCall.pagesFor(incident).size() == expected);
        }
        clock.advance(Duration.ofMinutes(30));
        await().atMost(A_MOMENT).until(() -> onCall.dueTimers(incident) == 0);
        assertThat(onCall.timeline(incident)).filteredOn("NOTIFICATION_QUEUED"::equals).hasSize(3);
    }

    @Test
    void lowUrgencyPagesByTheLowUrgencyRulesAndDoesNotEscalate() {
        User dave = onCall.responder("Dave");
        onCall.pages(dave, Channel.EMAIL, "dave@example.com", Urgency.LOW, Duration.ZERO);
        onCall.pages(dave, Channel.SMS, "+12015550103", Urgency.HIGH, Duration.ZERO);
        User erin = onCall.responder("Erin");
        onCall.pages(erin, Channel.SMS, "+12015550104", Urgency.LOW, Duration.ZERO);
        Service reports = onCall.service(onCall.policy(0,
                level(Duration.ofMinutes(5), dave), level(Duration.ofMinutes(5), erin)), Urgency.LOW);

        onCall.trigger(reports, "report-late", "Weekly report is late");
        UUID incident = onCall.awaitIncident(reports, "report-late");
        awaitPages(incident, "Dave by email only", dave, Channel.EMAIL);

        clock.advance(Duration.ofMinutes(30));
        await().atMost(A_MOMENT).until(() -> onCall.dueTimers(incident) == 0);
        assertThat(onCall.timeline(incident)).filteredOn("NOTIFICATION_QUEUED"::equals).hasSize(1);
    }

    @Test
    void aLevelThatResolvesToNobodyIsRecordedNotSilent() {
        double before = meters.get("tocsin.escalation.nobody.paged").counter().count();
        User frank = onCall.responder("Frank");
        Service orphan = onCall.service(onCall.policy(0, level(Duration.ofMinutes(5), frank)));
        Service noPolicy = onCall.service(null);

        onCall.trigger(orphan, "no-rules", "Nobody can be reached");
        onCall.trigger(noPolicy, "no-policy", "No policy at all");

        UUID unreachable = onCall.awaitIncident(orphan, "no-rules");
        UUID unrouted = onCall.awaitIncident(noPolicy, "no-policy");
        await().atMost(A_MOMENT).until(() -> onCall.timeline(unreachable).contains("NOBODY_PAGED"));
        await().atMost(A_MOMENT).until(() -> onCall.timeline(unrouted).contains("NOBODY_PAGED"));
        assertThat(meters.get("tocsin.escalation.nobody.paged").counter().count()).isGreaterThanOrEqualTo(before + 2);
    }

    /** Waits until exactly these pages (user, channel, user, channel, ...) went out for the incident, in order. */
    private void awaitPages(UUID incident, String what, Object... userChannelPairs) {
        await(what).atMost(A_MOMENT).untilAsserted(() -> {
            List<NotificationRequested> sent = onCall.pagesFor(incident);
            assertThat(sent).hasSize(userChannelPairs.length / 2);
            for (int i = 0; i < sent.size(); i++) {
                assertThat(sent.get(i).userId()).isEqualTo(((User) userChannelPairs[2 * i]).id());
                assertThat(sent.get(i).channel()).isEqualTo(userChannelPairs[2 * i + 1]);
            }
        });
    }
}
