package io.tocsin.routing.escalation;

import static io.tocsin.routing.OnCall.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Topics;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.MutableClock;
import io.tocsin.testkit.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Failover, in business time: when every page of a level failed for good and nothing more is to come, the next
 * level is paged at once; the clock never moves past the level's delay here.
 */
@RoutingIntegrationTest
class FailoverIntegrationTest {

    private static final Duration A_MOMENT = Duration.ofSeconds(30);
    private static final Duration LEVEL_DELAY = Duration.ofMinutes(15);

    @Autowired
    OnCall onCall;
    @Autowired
    MutableClock clock;

    @Test
    void whenAllOfAlicesPagesFailedForGoodLevelTwoIsPagedWithoutWaitingOutTheDelay() {
        User alice = onCall.responder("Alice");
        onCall.pages(alice, Channel.SMS, "+12015550180", Duration.ZERO);
        onCall.pages(alice, Channel.VOICE, "+12015550180", Duration.ofMinutes(1));
        User bob = onCall.responder("Bob");
        onCall.pages(bob, Channel.SMS, "+12015550181", Duration.ZERO);
        Service service = onCall.service(onCall.policy(0, level(LEVEL_DELAY, alice), level(LEVEL_DELAY, bob)));

        onCall.trigger(service, "failover", "Payments down");
        UUID incident = onCall.awaitIncident(service, "failover");
        NotificationRequested sms = onCall.awaitPage(incident, alice, Channel.SMS);
        onCall.report(sms, DeliveryStatus.HELD, 1, null);
        onCall.report(sms, DeliveryStatus.FAILED, 1, "Twilio HTTP 400: not a mobile number");
        awaitTimeline(incident, alice.name() + " held back by throttling: goes out bundled when the window allows",
                "SMS to " + alice.name() + ": attempt 1 failed (Twilio HTTP 400: not a mobile number)");

        // her call is still to come: not unreachable yet
        assertThat(onCall.timeline(incident)).doesNotContain("USER_UNREACHABLE", "LEVEL_UNREACHABLE");
        clock.advance(Duration.ofMinutes(1));
        NotificationRequested call = onCall.awaitPage(incident, alice, Channel.VOICE);
        onCall.report(call, DeliveryStatus.RETRYING, 1, "Twilio HTTP 503");
        awaitTimeline(incident, "Voice to " + alice.name() + ": attempt 1 failed (Twilio HTTP 503), retrying");
        assertThat(onCall.timeline(incident)).doesNotContain("USER_UNREACHABLE", "LEVEL_UNREACHABLE");
        assertThat(onCall.pagesFor(incident)).noneMatch(page -> bob.id().equals(page.userId()));

        onCall.report(call, DeliveryStatus.FAILED, 2, "Twilio HTTP 503");

        onCall.awaitPage(incident, bob, Channel.SMS);
        awaitTimeline(incident, alice.name() + " could not be reached (SMS failed, voice failed)");
        assertThat(onCall.timeline(incident)).containsSubsequence("USER_UNREACHABLE", "LEVEL_UNREACHABLE", "ESCALATED");
    }

    @Test
    void oneOfTwoUsersFailingDoesNotAdvanceTheLevel() {
        User cy = onCall.responder("Cy");
        onCall.pages(cy, Channel.SMS, "+12015550182", Duration.ZERO);
        User di = onCall.responder("Di");
        onCall.pages(di, Channel.EMAIL, "di@example.com", Duration.ZERO);
        User ed = onCall.responder("Ed");
        onCall.pages(ed, Channel.SMS, "+12015550183", Duration.ZERO);
        Service service = onCall.service(onCall.policy(0, level(LEVEL_DELAY, cy, di), level(LEVEL_DELAY, ed)));

        onCall.trigger(service, "half-failed", "Half the level failed");
        UUID incident = onCall.awaitIncident(service, "half-failed");
        onCall.report(onCall.awaitPage(incident, cy, Channel.SMS), DeliveryStatus.FAILED, 1, "opted out");
        onCall.report(onCall.awaitPage(incident, di, Channel.EMAIL), DeliveryStatus.SENT, 1, null);

        awaitTimeline(incident, cy.name() + " could not be reached (SMS failed)",
                "Email to " + di.name() + ": attempt 1 sent");
        assertThat(onCall.timeline(incident)).doesNotContain("LEVEL_UNREACHABLE");
        assertThat(onCall.pagesFor(incident)).noneMatch(page -> ed.id().equals(page.userId()));
    }

    @Test
    void whenTheLastLevelFailsTooThePolicyRepeatsAsOftenAsItSaysAndThenStops() {
        User fe = onCall.responder("Fe");
        onCall.pages(fe, Channel.SMS, "+12015550184", Duration.ZERO);
        Service service = onCall.service(onCall.policy(1, level(LEVEL_DELAY, fe)));

        onCall.trigger(service, "all-failed", "Nobody reachable");
        UUID incident = onCall.awaitIncident(service, "all-failed");
        onCall.report(onCall.awaitPage(incident, fe, Channel.SMS), DeliveryStatus.FAILED, 1, "opted out");
        await().atMost(A_MOMENT).until(() -> onCall.pagesFor(incident).size() == 2);
        onCall.report(onCall.pagesFor(incident).get(1), DeliveryStatus.FAILED, 1, "opted out");

        awaitTimeline(incident, "nobody at level 1 could be reached: the escalation policy has nothing further to page");
        assertThat(onCall.timeline(incident)).filteredOn("ESCALATED"::equals).hasSize(2);
        assertThat(onCall.pagesFor(incident)).hasSize(2);
    }

    @Test
    void aPageTheNotifierCancelledIsOnTheTimelineAndIsNoFailure() {
        User gil = onCall.responder("Gil");
        onCall.pages(gil, Channel.SMS, "+12015550185", Duration.ZERO);
        Service service = onCall.service(onCall.policy(0, level(LEVEL_DELAY, gil)));

        onCall.trigger(service, "cancelled", "Answered before the retry");
        UUID incident = onCall.awaitIncident(service, "cancelled");
        onCall.report(onCall.awaitPage(incident, gil, Channel.SMS), DeliveryStatus.CANCELLED, 1,
                "the incident was acknowledged by Gil via Slack before it went out");

        awaitTimeline(incident, "SMS to " + gil.name()
                + ": cancelled (the incident was acknowledged by Gil via Slack before it went out)");
        assertThat(onCall.timeline(incident)).doesNotContain("USER_UNREACHABLE", "LEVEL_UNREACHABLE");
    }

    @Test
    void aPageSentThroughAnotherProviderSaysWhichFailedAndWhichCarriedIt() {
        User hana = onCall.responder("Hana");
        onCall.pages(hana, Channel.SMS, "+12015550186", Duration.ZERO);
        Service service = onCall.service(onCall.policy(0, level(LEVEL_DELAY, hana)));

        onCall.trigger(service, "carrier", "Twilio down");
        UUID incident = onCall.awaitIncident(service, "carrier");
        NotificationRequested page = onCall.awaitPage(incident, hana, Channel.SMS);
        DeliveryReported sent = onCall.reportOf(page, DeliveryStatus.SENT, 1, null);
        TestKafka.send(Topics.DELIVERIES, page.incidentId().toString(), new DeliveryReported(sent.id(),
                sent.schemaVersion(), sent.notificationId(), sent.incidentId(), sent.channel(), sent.status(), null,
                sent.at(), 1, "Vonage", "Twilio failed (HTTP 503)"));

        awaitTimeline(incident, "SMS to " + hana.name() + " via Twilio failed (HTTP 503); sent via Vonage");
    }

    private void awaitTimeline(UUID incident, String... messageEndings) {
        await().atMost(A_MOMENT).untilAsserted(() -> {
            List<String> messages = onCall.timelineMessages(incident);
            for (String ending : messageEndings) {
                assertThat(messages).anyMatch(message -> message.endsWith(ending));
            }
        });
    }
}
