package io.tocsin.standalone;

import static io.tocsin.standalone.RunningTocsin.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.FakeSlack;
import io.tocsin.testkit.FakeSmtp;
import io.tocsin.testkit.FakeTwilio;
import io.tocsin.testkit.FakeTwilio.SentSms;
import io.tocsin.testkit.MutableClock;
import io.tocsin.testkit.SlackClicks;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole way back, end to end: a monitor's trigger pages a responder through the real SDKs at the fakes, the
 * responder answers (an SMS reply, a key press, a Slack button, an email link) as the provider would deliver it,
 * and routing acknowledges the incident as that responder, so the next level is never paged. Forged and stale
 * answers change nothing. Time is moved, not waited for.
 */
class RespondersAnswerIntegrationTest {

    private static final String PUBLIC_URL = "https://pager.example.test";
    private static final Duration LEVEL_DELAY = Duration.ofMinutes(5);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final MutableClock clock = MutableClock.startingNow();
    private static FakeTwilio twilio;
    private static FakeSlack slack;
    private static FakeSmtp smtp;
    private static RunningTocsin tocsin;
    private static SlackClicks clicks;

    @BeforeAll
    static void startTocsin() {
        twilio = new FakeTwilio();
        slack = new FakeSlack();
        smtp = new FakeSmtp();
        tocsin = RunningTocsin.start(twilio, clock, List.of(
                "--tocsin.notifier.public-url=" + PUBLIC_URL,
                "--tocsin.slack.bot-token=" + slack.botToken(),
                "--tocsin.slack.base-url=" + slack.baseUrl(),
                "--tocsin.slack.signing-secret=" + slack.signingSecret(),
                "--tocsin.smtp.host=" + smtp.host(),
                "--tocsin.smtp.port=" + smtp.port(),
                "--tocsin.mail.from=Tocsin <tocsin@pager.example.test>",
                "--tocsin.notifier.link-keys=e2e-link-key-8f3a61c0d29b47e5"));
        clicks = new SlackClicks(tocsin.notifierUrl("/webhooks/slack/interactions"), slack.signingSecret());
    }

    @AfterAll
    static void stopTocsin() {
        RunningTocsin.stop(tocsin, twilio, slack, smtp);
    }

    @Test
    void anSmsReplyAcknowledgesAsTheRespondersUserAndTheNextLevelIsNeverPaged() throws Exception {
        User alice = tocsin.responder("Alice", Channel.SMS, "+12015550141");
        User bob = tocsin.responder("Bob", Channel.SMS, "+12015550142");
        String key = tocsin.service("Storage", LEVEL_DELAY, alice, bob);
        String dedupKey = "disk-" + UUID.randomUUID();
        tocsin.enqueueAccepted(trigger(key, dedupKey, "Disk full on db-1"));
        SentSms page = smsTo("+12015550141", "Disk full on db-1");
        Matcher code = Pattern.compile("Reply (\\d+)a ack").matcher(page.body());
        assertThat(code.find()).as(page.body()).isTrue();
        String incidentId = tocsin.awaitIncident(dedupKey).path("id").asString();

        Map<String, String> reply = Map.of("From", "+12015550141", "To", RunningTocsin.TWILIO_FROM,
                "Body", code.group(1) + " a", "MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        HttpResponse<String> forged = tocsin.postToNotifier("/webhooks/twilio/sms", form(reply),
                Map.of("X-Twilio-Signature", twilio.signature(PUBLIC_URL + "/webhooks/twilio/sms", Map.of())));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(tocsin.incident(dedupKey).path("status").asString()).isEqualTo("TRIGGERED");

        HttpResponse<String> answered = twilioWebhook("/webhooks/twilio/sms", reply);

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).contains("Acknowledging #" + code.group(1) + " Disk full on db-1");
        awaitStatus(dedupKey, "ACKNOWLEDGED");
        assertThat(tocsin.timelineMessages(incidentId)).contains("acknowledged by Alice via SMS");
        neverEscalates("Storage", "+12015550142", "Disk full on db-1", key);
    }

    @Test
    void aKeyPressOnTheCallAcknowledges() throws Exception {
        User ivan = tocsin.responder("Ivan", Channel.VOICE, "+12015550143");
        User judy = tocsin.responder("Judy", Channel.SMS, "+12015550144");
        String key = tocsin.service("Payments", LEVEL_DELAY, ivan, judy);
        String dedupKey = "payments-" + UUID.randomUUID();
        tocsin.enqueueAccepted(trigger(key, dedupKey, "Payment timeouts"));
        FakeTwilio.PlacedCall call = await().atMost(PATIENCE).until(() -> twilio.calls().stream()
                .filter(c -> c.to().equals("+12015550143")).findFirst().orElse(null), c -> c != null);
        String path = call.url().substring(PUBLIC_URL.length());
        String incidentId = tocsin.awaitIncident(dedupKey).path("id").asString();
        Map<String, String> answered = new LinkedHashMap<>(Map.of("CallSid", "CA" + UUID.randomUUID().toString()
                .replace("-", ""), "From", RunningTocsin.TWILIO_FROM, "To", "+12015550143", "CallStatus", "in-progress"));
        assertThat(twilioWebhook(path, answered).body()).contains("Payment timeouts").contains("Press 4");

        answered.put("Digits", "4");
        HttpResponse<String> pressed = twilioWebhook(path, answered);

        assertThat(pressed.body()).contains("is acknowledged by you");
        awaitStatus(dedupKey, "ACKNOWLEDGED");
        assertThat(tocsin.timelineMessages(incidentId)).contains("acknowledged by Ivan via VOICE");
        neverEscalates("Payments", "+12015550144", "Payment timeouts", key);
    }

    @Test
    void aSlackButtonAcknowledgesAndTheMessageSaysWhoForEveryone() throws Exception {
        User kim = tocsin.responder("Kim", Channel.SLACK, "U0KIM00001");
        User leo = tocsin.responder("Leo", Channel.SMS, "+12015550145");
        String key = tocsin.service("Search", LEVEL_DELAY, kim, leo);
        String dedupKey = "search-" + UUID.randomUUID();
        tocsin.enqueueAccepted(trigger(key, dedupKey, "Search latency high"));
        FakeSlack.SlackPost post = await().atMost(PATIENCE).until(() -> slack.posts().stream()
                .filter(p -> p.channel().equals("U0KIM00001")).findFirst().orElse(null), p -> p != null);
        JsonNode incident = tocsin.awaitIncident(dedupKey);
        UUID incidentId = UUID.fromString(incident.path("id").asString());
        SlackClicks.Click click = SlackClicks.Click.of("U0KIM00001", incidentId, "tocsin_acknowledge",
                slack.responseUrl());

        HttpResponse<String> stale = clicks.send(click.body(), clock.instant().minus(Duration.ofMinutes(6)));
        assertThat(stale.statusCode()).isEqualTo(403);
        assertThat(tocsin.incident(dedupKey).path("status").asString()).isEqualTo("TRIGGERED");

        assertThat(clicks.send(click.body(), clock.instant()).statusCode()).isEqualTo(200);

        awaitStatus(dedupKey, "ACKNOWLEDGED");
        assertThat(tocsin.timelineMessages(incidentId.toString())).contains("acknowledged by Kim via SLACK");
        await().atMost(PATIENCE).until(() -> slack.updates().stream()
                .anyMatch(u -> u.ts().equals(post.ts()) && u.text().contains("Acknowledged by Kim via Slack")));
        neverEscalates("Search", "+12015550145", "Search latency high", key);
    }

    @Test
    void anEmailLinkOnlyShowsAPageAndItsButtonAcknowledges() throws Exception {
        User mia = tocsin.responder("Mia", Channel.EMAIL, "mia@example.test");
        User ned = tocsin.responder("Ned", Channel.SMS, "+12015550146");
        String key = tocsin.service("Mail", LEVEL_DELAY, mia, ned);
        String dedupKey = "mail-" + UUID.randomUUID();
        tocsin.enqueueAccepted(trigger(key, dedupKey, "Mail queue stuck"));
        String link = await().atMost(PATIENCE).until(() -> ackLink("mia@example.test"), l -> l != null);
        String path = link.substring(PUBLIC_URL.length());
        String incidentId = tocsin.awaitIncident(dedupKey).path("id").asString();

        HttpResponse<String> shown = tocsin.getFromNotifier(path);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("Mail queue stuck").contains("<form method=\"post\">");
        assertThat(tocsin.incident(dedupKey).path("status").asString()).isEqualTo("TRIGGERED");

        HttpResponse<String> acted = tocsin.postToNotifier(path, "action=acknowledge", Map.of());

        assertThat(acted.statusCode()).isEqualTo(200);
        awaitStatus(dedupKey, "ACKNOWLEDGED");
        assertThat(tocsin.timelineMessages(incidentId)).contains("acknowledged by Mia via EMAIL");
        neverEscalates("Mail", "+12015550146", "Mail queue stuck", key);
    }

    /**
     * Moves time past the level's delay and proves it: a control incident of the same service, which nobody
     * answers, reaches the second level; the answered one never does.
     */
    private void neverEscalates(String service, String secondLevel, String answeredSummary, String key)
            throws Exception {
        String control = "Control for " + service + " " + UUID.randomUUID();
        tocsin.enqueueAccepted(trigger(key, "control-" + UUID.randomUUID(), control));
        await().atMost(PATIENCE).until(() -> tocsin.incidentBySummary(control) != null);

        clock.advance(LEVEL_DELAY.plusMinutes(1));

        smsTo(secondLevel, control);
        assertThat(twilio.messages()).noneMatch(m -> m.to().equals(secondLevel) && m.body().contains(answeredSummary));
    }

    private static void awaitStatus(String dedupKey, String status) {
        await().atMost(PATIENCE).until(() -> tocsin.incident(dedupKey).path("status").asString().equals(status));
    }

    private static SentSms smsTo(String number, String text) {
        return await().atMost(PATIENCE).until(() -> twilio.messages().stream()
                .filter(m -> m.to().equals(number) && m.body().contains(text)).findFirst().orElse(null), m -> m != null);
    }

    private static HttpResponse<String> twilioWebhook(String pathAndQuery, Map<String, String> params)
            throws Exception {
        return tocsin.postToNotifier(pathAndQuery, form(params),
                Map.of("X-Twilio-Signature", twilio.signature(PUBLIC_URL + pathAndQuery, params)));
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** The acknowledge link of the last email to this address, or null while none has arrived. */
    private static String ackLink(String address) throws Exception {
        Pattern link = Pattern.compile(Pattern.quote(PUBLIC_URL) + "/ack/[A-Za-z0-9_-]+");
        for (MimeMessage mail : smtp.receivedMessages()) {
            if (mail.getAllRecipients()[0].toString().equals(address)) {
                Matcher found = link.matcher(plainText(mail));
                return found.find() ? found.group() : null;
            }
        }
        return null;
    }

    private static String plainText(MimeMessage mail) throws Exception {
        if (mail.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return part.getContent().toString();
                }
                if (part.getContent() instanceof Multipart) {
                    String nested = plainText(new MimeMessage(null, part.getInputStream()));
                    if (!nested.isEmpty()) {
                        return nested;
                    }
                }
            }
            return "";
        }
        return mail.getContent().toString();
    }
}
