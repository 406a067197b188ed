package io.tocsin.notifier.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentCommand;
import io.tocsin.contracts.IncidentCommand.CommandType;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierIntegrationTestBase;
import io.tocsin.notifier.TestPages;
import io.tocsin.notifier.directory.Contact;
import io.tocsin.testkit.FakeTwilio.PlacedCall;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A responder is called: Twilio fetches the words from the notifier and sends back the key pressed. */
class VoiceCallsIntegrationTest extends NotifierIntegrationTestBase {

    @Test
    void theCallReadsTheIncidentTwiceAndKeyFourAcknowledgesAsTheCalledUser() {
        Contact ivan = contact("Ivan", Channel.VOICE, TestPages.newPhoneNumber());
        NotificationRequested page = TestPages.toContact(ivan, "Disk full on db-1");

        request(page);

        PlacedCall call = callTo(ivan);
        String voiceUrl = PUBLIC_URL + "/webhooks/twilio/voice?page=" + page.id();
        assertThat(call.url()).isEqualTo(voiceUrl);
        assertThat(call.statusCallback()).isEqualTo(PUBLIC_URL + "/webhooks/twilio/status");
        assertThat(call.timeoutSeconds()).isPositive();

        String twiml = answered(page, null).body();
        assertThat(twiml).contains("<Gather", "numDigits=\"1\"", "action=\"" + voiceUrl + "\"")
                .contains("this is Tocsin with an alert for Ivan")
                .contains("Press 4 to acknowledge, 6 to resolve, 5 to escalate, or star to hear this again.");
        assertThat(twiml.split("Disk full on db-1", -1)).as("read twice").hasSize(3);

        HttpResponse<String> pressed = answered(page, "4");

        assertThat(pressed.body()).contains("Incident " + page.incidentNumber() + " is acknowledged by you");
        await().atMost(A_MOMENT).until(() -> commandsFor(page.incidentId()).size() == 1);
        IncidentCommand command = commandsFor(page.incidentId()).getFirst();
        assertThat(command.type()).isEqualTo(CommandType.ACKNOWLEDGE);
        assertThat(command.userId()).isEqualTo(ivan.userId());
        assertThat(command.via()).isEqualTo(Channel.VOICE);
    }

    @Test
    void keyFiveSaysWhoEscalatedInAPlainSentence() {
        NotificationRequested page = ringing("Kim", "Replica lag");

        assertThat(answered(page, "5").body()).contains("Incident " + page.incidentNumber()
                + " is escalated by you: the next level is being paged. Goodbye.");
    }

    @Test
    void otherKeysRepeatOrExplainAndChangeNothing() {
        NotificationRequested page = ringing("Judy", "Cache cold");

        assertThat(answered(page, "*").body()).contains("Cache cold").contains("<Gather");
        assertThat(answered(page, "9").body()).contains("The key 9 does nothing here").contains("<Gather");

        incidentChanged(page, IncidentStatus.ACKNOWLEDGED, "Mallory", "SLACK");
        assertThat(answered(page, "5").body()).contains("Incident " + page.incidentNumber()
                + " is already acknowledged by Mallory via Slack: only a triggered incident escalates");
        answered(page, "6");
        await().atMost(A_MOMENT).until(() -> !commandsFor(page.incidentId()).isEmpty());
        assertThat(commandsFor(page.incidentId())).extracting(IncidentCommand::type).containsExactly(CommandType.RESOLVE);
    }

    @Test
    void aForgedKeyPressIsRefused() {
        Contact ken = contact("Ken", Channel.VOICE, TestPages.newPhoneNumber());
        NotificationRequested page = TestPages.toContact(ken, "Forged key");
        request(page);
        callTo(ken);
        String path = "/webhooks/twilio/voice?page=" + page.id();
        Map<String, String> form = Map.of("CallSid", "CA1", "Digits", "4");

        HttpResponse<String> forged = post(path, form, twilio.signature(PUBLIC_URL + path, Map.of("CallSid", "CA1")));
        HttpResponse<String> otherPage = post("/webhooks/twilio/voice?page=" + TestPages.toContact(ken, "x").id(), form,
                twilio.signature(PUBLIC_URL + path, form));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(otherPage.statusCode()).isEqualTo(403);
        answered(page, "6");
        await().atMost(A_MOMENT).until(() -> !commandsFor(page.incidentId()).isEmpty());
        assertThat(commandsFor(page.incidentId())).extracting(IncidentCommand::type).containsExactly(CommandType.RESOLVE);
    }

    @Test
    void aCallForHeldPagesReadsThemAllAndKeyFourAcknowledgesEach() {
        Contact leo = contact("Leo", Channel.VOICE, TestPages.newPhoneNumber());
        for (int i = 0; i < 3; i++) {
            NotificationRequested withinLimit = TestPages.toContact(leo, "Within the limit " + i);
            request(withinLimit);
            await().atMost(A_MOMENT).until(() -> reportsOf(withinLimit).size() == 1);
        }
        NotificationRequested first = TestPages.toContact(leo, "Checkout 5xx");
        NotificationRequested second = TestPages.toContact(leo, "Queue backlog");
        request(first);
        request(second);
        await().atMost(A_MOMENT).until(() -> reportsOf(first).size() == 1 && reportsOf(second).size() == 1);

        clock.advance(Duration.ofMinutes(15));

        await().atMost(A_MOMENT).until(() -> twilio.calls().stream().filter(c -> c.to().equals(leo.address())).count() == 4);
        assertThat(twilio.calls().stream().filter(c -> c.to().equals(leo.address())).toList().getLast().url())
                .endsWith("?page=" + first.id());
        assertThat(answered(first, null).body()).contains("2 incidents.", "Checkout 5xx", "Queue backlog",
                "Press 4 to acknowledge all of them");

        assertThat(answered(first, "4").body()).contains("Incident " + first.incidentNumber() + " is acknowledged by you",
                "Incident " + second.incidentNumber() + " is acknowledged by you");
        await().atMost(A_MOMENT).until(() -> commandsFor(first.incidentId()).size() == 1
                && commandsFor(second.incidentId()).size() == 1);
    }

    /** A page to a new person by voice, once Twilio placed the call. */
    private NotificationRequested ringing(String name, String summary) {
        Contact callee = contact(name, Channel.VOICE, TestPages.newPhoneNumber());
        NotificationRequested page = TestPages.toContact(callee, summary);
        request(page);
        callTo(callee);
        return page;
    }

    private PlacedCall callTo(Contact contact) {
        await().atMost(A_MOMENT).until(() -> twilio.calls().stream().anyMatch(c -> c.to().equals(contact.address())));
        return twilio.calls().stream().filter(c -> c.to().equals(contact.address())).findFirst().orElseThrow();
    }

    /** What Twilio posts when the call is answered (no digits) or a key was pressed. */
    private HttpResponse<String> answered(NotificationRequested page, String digits) {
        // the call reached Twilio a moment before the notifier stored Twilio's id for it
        String callSid = await().atMost(A_MOMENT).until(() -> stored(page).providerId(), sid -> sid != null);
        Map<String, String> form = new HashMap<>(Map.of("CallSid", callSid, "AccountSid",
                twilio.accountSid(), "From", "+15550009999", "To", page.address(), "CallStatus", "in-progress",
                "Direction", "outbound-api"));
        if (digits != null) {
            form.put("Digits", digits);
        }
        HttpResponse<String> response = twilioWebhook("/webhooks/twilio/voice?page=" + page.id(), form);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("xml"));
        return response;
    }
}
