package io.tocsin.notifier.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.IncidentCommand;
import io.tocsin.contracts.IncidentCommand.CommandType;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierIntegrationTestBase;
import io.tocsin.notifier.TestPages;
import io.tocsin.notifier.directory.Contact;
import io.tocsin.testkit.FakeVonage.PlacedCall;
import io.tocsin.testkit.FakeVonage.SentSms;
import io.tocsin.testkit.TestHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pages to numbers routed to Vonage first go out through Vonage's SMS and Voice APIs; Vonage's signed webhooks (replies,
 * receipts, key presses) act as Twilio's do, and unsigned or forged ones change nothing.
 */
class VonageIntegrationTest extends NotifierIntegrationTestBase {

    @Autowired
    ProviderBreakers breakers;

    @BeforeEach
    void providersHealthy() {
        breakers.reset();
    }

    @Test
    void anSmsPageGoesThroughVonageWithTheReplyCodesAndItsSignedReceiptMarksItDelivered() {
        Contact asha = contact("Asha", Channel.SMS, TestPages.newPhoneNumber(VONAGE_PREFIX));
        NotificationRequested page = TestPages.toContact(asha, "Payments down");
        request(page);

        assertThat(reportOf(page).status()).isEqualTo(DeliveryStatus.SENT);
        SentSms sms = smsTo(asha);
        assertThat(sms.text()).contains("Payments down").endsWith("Reply " + page.incidentNumber() + "a ack, "
                + page.incidentNumber() + "c close, " + page.incidentNumber() + "e escalate");
        assertThat(sms.from()).isEqualTo("15550008888");
        assertThat(sms.callback()).isEqualTo(PUBLIC_URL + "/webhooks/vonage/status");
        assertThat(stored(page).providerId()).isEqualTo(sms.id());

        HttpResponse<String> receipt = vonageWebhook("/webhooks/vonage/status", vonage.signed(Map.of("messageId",
                sms.id(), "msisdn", sms.to(), "status", "delivered", "err-code", "0"), clock.instant()));

        assertThat(receipt.statusCode()).isEqualTo(204);
        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 2);
        assertThat(reportsOf(page).getLast().status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void aSignedReplyThroughVonageAcknowledgesAndIsAnsweredBySms() {
        Contact asha = contact("Asha", Channel.SMS, TestPages.newPhoneNumber(VONAGE_PREFIX));
        NotificationRequested page = TestPages.toContact(asha, "Queue stuck");
        request(page);
        reportOf(page);

        HttpResponse<String> reply = vonageWebhook("/webhooks/vonage/sms", vonage.signed(inbound(asha,
                page.incidentNumber() + "a"), clock.instant()));

        assertThat(reply.statusCode()).isEqualTo(204);
        await().atMost(A_MOMENT).until(() -> commandsFor(page.incidentId()).size() == 1);
        IncidentCommand command = commandsFor(page.incidentId()).getFirst();
        assertThat(command.type()).isEqualTo(CommandType.ACKNOWLEDGE);
        assertThat(command.userId()).isEqualTo(asha.userId());
        assertThat(command.via()).isEqualTo(Channel.SMS);
        assertThat(vonage.messages()).filteredOn(m -> m.to().equals(asha.address().substring(1)))
                .extracting(SentSms::text).contains("Acknowledging #" + page.incidentNumber() + " Queue stuck…");
    }

    @Test
    void forgedOrStaleVonageWebhooksChangeNothing() {
        Contact asha = contact("Asha", Channel.SMS, TestPages.newPhoneNumber(VONAGE_PREFIX));
        NotificationRequested page = TestPages.toContact(asha, "Forged");
        request(page);
        reportOf(page);
        Map<String, String> forged = new HashMap<>(vonage.signed(inbound(asha, page.incidentNumber() + "c"),
                clock.instant()));
        forged.put("text", page.incidentNumber() + "a");

        assertThat(vonageWebhook("/webhooks/vonage/sms", forged).statusCode()).isEqualTo(403);
        assertThat(vonageWebhook("/webhooks/vonage/sms", inbound(asha, page.incidentNumber() + "a")).statusCode())
                .isEqualTo(403);
        assertThat(vonageWebhook("/webhooks/vonage/sms", vonage.signed(inbound(asha, page.incidentNumber() + "a"),
                clock.instant().minus(Duration.ofMinutes(6)))).statusCode()).isEqualTo(403);
        Map<String, String> receipt = new HashMap<>(vonage.signed(Map.of("messageId", stored(page).providerId(),
                "status", "delivered"), clock.instant()));
        receipt.put("status", "failed");
        assertThat(vonageWebhook("/webhooks/vonage/status", receipt).statusCode()).isEqualTo(403);
        byte[] keyPress = keyPress("4");
        assertThat(vonageJson("/webhooks/vonage/voice/input?page=" + page.id(), keyPress,
                vonage.voiceAuthorization(keyPress("6"), clock.instant())).statusCode()).isEqualTo(403);
        assertThat(vonageJson("/webhooks/vonage/voice/input?page=" + page.id(), keyPress, "Bearer not.a.jwt")
                .statusCode()).isEqualTo(403);

        // a genuine reply after the forgeries still works: they changed nothing
        vonageWebhook("/webhooks/vonage/sms", vonage.signed(inbound(asha, "help"), clock.instant()));
        assertThat(commandsFor(page.incidentId())).isEmpty();
        assertThat(stored(page).status()).isEqualTo("SENT");
    }

    @Test
    void aCallThroughVonageReadsTheIncidentAndKeyFourAcknowledges() {
        Contact asha = contact("Asha", Channel.VOICE, TestPages.newPhoneNumber(VONAGE_PREFIX));
        NotificationRequested page = TestPages.toContact(asha, "Database on fire");
        request(page);

        assertThat(reportOf(page).status()).isEqualTo(DeliveryStatus.SENT);
        PlacedCall call = vonage.calls().stream().filter(c -> c.to().equals(asha.address().substring(1))).findFirst()
                .orElseThrow();
        assertThat(call.answerUrl()).isEqualTo(PUBLIC_URL + "/webhooks/vonage/voice/answer?page=" + page.id());
        assertThat(call.eventUrl()).isEqualTo(PUBLIC_URL + "/webhooks/vonage/voice/event");
        assertThat(call.ringingTimer()).isEqualTo(25);

        String answerPath = "/webhooks/vonage/voice/answer?page=" + page.id() + "&uuid=" + call.uuid();
        HttpResponse<String> answered = TestHttp.send(HttpRequest.newBuilder(URI.create(local(answerPath)))
                .header("Authorization", vonage.voiceAuthorization(new byte[0], clock.instant())).GET().build());

        assertThat(answered.statusCode()).isEqualTo(200);
        JsonNode ncco = JsonMapper.shared().readTree(answered.body());
        assertThat(ncco.get(0).path("action").asString()).isEqualTo("talk");
        assertThat(ncco.get(0).path("text").asString()).contains("Hello, this is Tocsin with an alert for Asha")
                .contains("Database on fire").contains("Press 4 to acknowledge");
        JsonNode input = ncco.get(ncco.size() - 1);
        assertThat(input.path("action").asString()).isEqualTo("input");
        assertThat(input.path("dtmf").path("maxDigits").asInt()).isEqualTo(1);
        assertThat(input.path("eventUrl").get(0).asString())
                .isEqualTo(PUBLIC_URL + "/webhooks/vonage/voice/input?page=" + page.id());

        byte[] four = keyPress("4", call.uuid());
        HttpResponse<String> pressed = vonageJson("/webhooks/vonage/voice/input?page=" + page.id(), four,
                vonage.voiceAuthorization(four, clock.instant()));

        assertThat(pressed.statusCode()).isEqualTo(200);
        assertThat(pressed.body()).contains("is acknowledged by you");
        await().atMost(A_MOMENT).until(() -> commandsFor(page.incidentId()).size() == 1);
        assertThat(commandsFor(page.incidentId()).getFirst().type()).isEqualTo(CommandType.ACKNOWLEDGE);
        assertThat(commandsFor(page.incidentId()).getFirst().via()).isEqualTo(Channel.VOICE);

        byte[] completed = JsonMapper.shared().writeValueAsBytes(Map.of("uuid", call.uuid(), "status", "completed"));
        vonageJson("/webhooks/vonage/voice/event", completed, vonage.voiceAuthorization(completed, clock.instant()));
        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 2);
        assertThat(reportsOf(page).getLast().status()).isEqualTo(DeliveryStatus.ANSWERED);
    }

    private static Map<String, String> inbound(Contact from, String text) {
        return Map.of("msisdn", from.address().substring(1), "to", "15550008888", "messageId", "reply-" + System.nanoTime(),
                "text", text, "type", "text", "keyword", text.split(" ")[0].toUpperCase(), "message-timestamp",
                "2026-12-05 10:00:00");
    }

    private static byte[] keyPress(String digits) {
        return keyPress(digits, "call-uuid");
    }

    private static byte[] keyPress(String digits, String uuid) {
        return JsonMapper.shared().writeValueAsBytes(Map.of("uuid", uuid, "dtmf", Map.of("digits", digits,
                "timed_out", false)));
    }

    private SentSms smsTo(Contact contact) {
        await().atMost(A_MOMENT).until(() -> vonage.messages().stream()
                .anyMatch(m -> m.to().equals(contact.address().substring(1))));
        return vonage.messages().stream().filter(m -> m.to().equals(contact.address().substring(1))).findFirst()
                .orElseThrow();
    }

    private HttpResponse<String> vonageJson(String path, byte[] body, String authorization) {
        return TestHttp.send(HttpRequest.newBuilder(URI.create(local(path)))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }
}
