package io.tocsin.notifier.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.ContactStatusChanged;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.IncidentCommand;
import io.tocsin.contracts.IncidentCommand.CommandType;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Topics;
import io.tocsin.notifier.NotifierIntegrationTestBase;
import io.tocsin.notifier.TestPages;
import io.tocsin.notifier.directory.Contact;
import io.tocsin.testkit.FakeTwilio.SentSms;
import io.tocsin.testkit.TestKafka;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A responder answers a page by SMS: Twilio posts the reply, signed, and the notifier acts as the number's user. */
class SmsRepliesIntegrationTest extends NotifierIntegrationTestBase {

    private static final String PATH = "/webhooks/twilio/sms";

    @Test
    void aSignedReplyWithTheCodeFromThePageAcknowledgesAsTheNumbersUser() {
        Contact alice = contact("Alice", Channel.SMS, TestPages.newPhoneNumber());
        NotificationRequested page = paged(alice, "Disk full on db-1");
        SentSms sms = twilio.messages().stream().filter(m -> m.to().equals(alice.address())).findFirst().orElseThrow();
        assertThat(sms.body()).endsWith("Reply " + page.incidentNumber() + "a ack, " + page.incidentNumber()
                + "c close, " + page.incidentNumber() + "e escalate");
        assertThat(sms.statusCallback()).isEqualTo(PUBLIC_URL + "/webhooks/twilio/status");

        HttpResponse<String> answer = reply(alice, page.incidentNumber() + " A");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("<Message>Acknowledging #" + page.incidentNumber() + " Disk full on db-1…</Message>");
        await().atMost(A_MOMENT).until(() -> commandsFor(page.incidentId()).size() == 1);
        IncidentCommand command = commandsFor(page.incidentId()).getFirst();
        assertThat(command.type()).isEqualTo(CommandType.ACKNOWLEDGE);
        assertThat(command.userId()).isEqualTo(alice.userId());
        assertThat(command.actor()).isEqualTo("Alice");
        assertThat(command.via()).isEqualTo(Channel.SMS);
    }

    @Test
    void aPageThatOvertookTheAnnouncementOfItsNumberCanBeAnsweredAtOnce() {
        // routing's announcement of the number is still on its way: only the page to it has arrived
        Contact olga = new Contact(UUID.randomUUID(), UUID.randomUUID(), "Olga", Channel.SMS, TestPages.newPhoneNumber());
        NotificationRequested page = paged(olga, "Overtaken");

        assertThat(reply(olga, page.incidentNumber() + "a").body()).contains("Acknowledging #" + page.incidentNumber());

        await().atMost(A_MOMENT).until(() -> commandsFor(page.incidentId()).size() == 1);
        assertThat(commandsFor(page.incidentId()).getFirst().actor()).isEqualTo("Olga");
    }

    @Test
    void closeAndEscalateCodesBecomeThoseCommands() {
        Contact bob = contact("Bob", Channel.SMS, TestPages.newPhoneNumber());
        NotificationRequested first = paged(bob, "Queue backlog");
        NotificationRequested second = paged(bob, "Replica lag");

        reply(bob, "close " + first.incidentNumber());
        reply(bob, "e" + second.incidentNumber());

        await().atMost(A_MOMENT).until(() -> !commandsFor(first.incidentId()).isEmpty()
                && !commandsFor(second.incidentId()).isEmpty());
        assertThat(commandsFor(first.incidentId())).extracting(IncidentCommand::type).containsExactly(CommandType.RESOLVE);
        assertThat(commandsFor(second.incidentId())).extracting(IncidentCommand::type)
                .containsExactly(CommandType.ESCALATE);
    }

    @Test
    void aBareLetterActsOnTheOnlyOpenIncidentAndAsksWhichWhenThereAreSeveral() {
        Contact carol = contact("Carol", Channel.SMS, TestPages.newPhoneNumber());
        NotificationRequested first = paged(carol, "Checkout errors");

        assertThat(reply(carol, "a").body()).contains("Acknowledging #" + first.incidentNumber());
        await().atMost(A_MOMENT).until(() -> commandsFor(first.incidentId()).size() == 1);
        incidentChanged(first, IncidentStatus.ACKNOWLEDGED, "Carol", "SMS");

        NotificationRequested second = paged(carol, "Payment timeouts");
        NotificationRequested third = paged(carol, "Cart slow");
        String question = reply(carol, "a").body();

        assertThat(question).contains("2 open incidents: #" + second.incidentNumber() + " Payment timeouts; #"
                + third.incidentNumber() + " Cart slow").contains("aa for all");
        assertThat(commandsFor(second.incidentId())).isEmpty();

        reply(carol, "AA");
        await().atMost(A_MOMENT).until(() -> commandsFor(second.incidentId()).size() == 1
                && commandsFor(third.incidentId()).size() == 1);
        assertThat(commandsFor(first.incidentId())).hasSize(1);
    }

    @Test
    void theAnswerToAllOpenIncidentsFitsOneSmsHoweverManyThereAre() {
        Contact frank = contact("Frank", Channel.SMS, TestPages.newPhoneNumber());
        assertThat(reply(frank, "cc").body())
                .contains("<Message>No open incident paged to this number is left to close.</Message>");
        List<NotificationRequested> pages = IntStream.range(0, 14).mapToObj(i -> TestPages.toContact(frank,
                "Storage node " + i + " lost, " + "with a long explanation of what the monitor saw ".repeat(3)))
                .toList();
        pages.forEach(NotifierIntegrationTestBase::request);
        // five are sent, the rest held by the throttle: all of them were paged to the number
        pages.forEach(NotifierIntegrationTestBase::reportOf);

        String answer = reply(frank, "aa").body();

        String text = answer.substring(answer.indexOf("<Message>") + 9, answer.indexOf("</Message>"));
        assertThat(text).startsWith("Acknowledging 14 incidents: #" + pages.getFirst().incidentNumber() + " Storage node 0")
                .endsWith("; and 9 more…");
        assertThat(text.length()).isLessThanOrEqualTo(1600);
        await().atMost(A_MOMENT).until(() -> pages.stream().allMatch(page -> commandsFor(page.incidentId()).size() == 1));
    }

    @Test
    void aForgedOrMissingSignatureIsRefusedAndChangesNothing() {
        Contact dave = contact("Dave", Channel.SMS, TestPages.newPhoneNumber());
        NotificationRequested page = paged(dave, "Forged");
        Map<String, String> form = form(dave.address(), page.incidentNumber() + "a");

        HttpResponse<String> unsigned = post(PATH, form, null);
        HttpResponse<String> forged = post(PATH, form, twilio.signature(PUBLIC_URL + PATH, Map.of("Body", "other")));
        // signed for the address the notifier listens on, not the public one Twilio is configured with
        HttpResponse<String> wrongUrl = post(PATH, form, twilio.signature(local(PATH), form));

        assertThat(List.of(unsigned, forged, wrongUrl)).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(403);
            // the one problem format of every webhook's refusals: Slack's are alike
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
            JsonNode problem = JsonMapper.shared().readTree(r.body());
            assertThat(problem.path("type").asString()).isEqualTo("urn:tocsin:problem:signature-refused");
            assertThat(problem.path("detail").asString()).contains("X-Twilio-Signature");
        });
        assertThat(wrongUrl.body()).contains("TOCSIN_PUBLIC_URL");
        // a marker proves the commands topic was read past the refusals
        reply(dave, "c" + page.incidentNumber());
        await().atMost(A_MOMENT).until(() -> !commandsFor(page.incidentId()).isEmpty());
        assertThat(commandsFor(page.incidentId())).extracting(IncidentCommand::type).containsExactly(CommandType.RESOLVE);
    }

    @Test
    void aReplayedReplyIsTheSameCommandWhichRoutingAppliesOnce() {
        Contact erin = contact("Erin", Channel.SMS, TestPages.newPhoneNumber());
        NotificationRequested page = paged(erin, "Replayed");
        Map<String, String> form = form(erin.address(), page.incidentNumber() + "a");

        twilioWebhook(PATH, form);
        twilioWebhook(PATH, form);

        await().atMost(A_MOMENT).until(() -> commandsFor(page.incidentId()).size() == 2);
        List<IncidentCommand> commands = commandsFor(page.incidentId());
        assertThat(commands.get(1).id()).isEqualTo(commands.get(0).id());
    }

    @Test
    void unknownNumbersCodesAndIncidentsGetAHelpfulAnswerAndNothingChanges() {
        Contact frank = contact("Frank", Channel.SMS, TestPages.newPhoneNumber());
        NotificationRequested page = paged(frank, "Helpful");
        String stranger = TestPages.newPhoneNumber();

        assertThat(twilioWebhook(PATH, form(stranger, page.incidentNumber() + "a")).body())
                .contains("not linked to a Tocsin user");
        assertThat(reply(frank, "sure, on it").body()).contains("did not understand \"sure, on it\"")
                .contains("Reply 12a to acknowledge");
        assertThat(reply(frank, "999999999999a").body()).contains("knows no incident #999999999999");
        assertThat(reply(frank, "help").body()).contains("Reply 12a to acknowledge");

        incidentChanged(page, IncidentStatus.RESOLVED, "Grace", "SLACK");
        assertThat(reply(frank, page.incidentNumber() + "a").body())
                .contains("#" + page.incidentNumber() + " is already resolved by Grace via Slack");
        assertThat(reply(frank, "a").body()).contains("No open incident was paged to this number");
        assertThat(commandsFor(page.incidentId())).isEmpty();
    }

    @Test
    void stopIsHonouredAndToldToRoutingUntilStart() {
        Contact heidi = contact("Heidi", Channel.SMS, TestPages.newPhoneNumber());
        try (TestKafka.Recorder<ContactStatusChanged> statuses =
                TestKafka.record(Topics.CONTACT_STATUS, ContactStatusChanged.class)) {
            HttpResponse<String> stop = reply(heidi, "STOP");

            assertThat(stop.body()).doesNotContain("<Message>");
            await().atMost(A_MOMENT).until(() -> statuses.messages().stream()
                    .anyMatch(s -> s.address().equals(heidi.address()) && s.optedOut()));
            NotificationRequested refused = TestPages.toContact(heidi, "Not sent while opted out");
            request(refused);
            DeliveryReported report = reportOf(refused);
            assertThat(report.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(report.detail()).contains("answered STOP").contains("START");
            assertThat(twilio.messages()).noneMatch(m -> m.to().equals(heidi.address()));

            reply(heidi, "start");
            await().atMost(A_MOMENT).until(() -> statuses.messages().stream()
                    .anyMatch(s -> s.address().equals(heidi.address()) && !s.optedOut()));
            paged(heidi, "Sent again");
        }
    }

    /** Pages the contact by SMS and waits for the SMS at Twilio. */
    private NotificationRequested paged(Contact contact, String summary) {
        NotificationRequested page = TestPages.toContact(contact, summary);
        request(page);
        await().atMost(A_MOMENT).until(() -> twilio.messages().stream()
                .anyMatch(m -> m.to().equals(contact.address()) && m.body().contains(summary)));
        return page;
    }

    private HttpResponse<String> reply(Contact from, String body) {
        return twilioWebhook(PATH, form(from.address(), body));
    }

    private static Map<String, String> form(String from, String body) {
        return Map.of("From", from, "To", "+15550009999", "Body", body, "MessageSid", "SM" + UUID.randomUUID()
                .toString().replace("-", ""), "AccountSid", twilio.accountSid(), "NumMedia", "0");
    }
}
