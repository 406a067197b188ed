package io.tocsin.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.directory.Contact;
import io.tocsin.testkit.FakeSlack.SlackPost;
import io.tocsin.testkit.SlackClicks;
import io.tocsin.testkit.TestHttp;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an attacker or a hostile monitor might send the notifier, directly or through a page's summary: each request
 * gets a 4xx and changes nothing (no command on tocsin.commands.v1), and each hostile summary is rendered harmless
 * (one line in an email header, escaped in Slack) while the notifier's own tables keep it verbatim.
 * Forged and replayed Twilio and Slack requests and forged or expired email links are covered where those endpoints
 * are tested: SmsRepliesIntegrationTest, SlackButtonsIntegrationTest, EmailIntegrationTest.
 */
class HostileRequestsIntegrationTest extends NotifierIntegrationTestBase {

    private static final String SLACK_PATH = "/webhooks/slack/interactions";
    /** SQL metacharacters, a header injection, Slack mentions and markup in one summary. */
    private static final String HOSTILE = "Robert'); DROP TABLE incident;-- \" \\ %_ \r\nBcc: victim@example.org"
            + "\r\n\r\n<!channel> <@U0ADMIN> <script>alert(1)</script> & *bold*";

    @Test
    void aHostileSummaryCannotAddMailHeadersOrRecipients() throws Exception {
        Contact ada = contact("Ada", Channel.EMAIL, "ada-" + UUID.randomUUID() + "@example.test");
        NotificationRequested page = TestPages.toContact(ada, HOSTILE);

        request(page);
        MimeMessage mail = await().atMost(A_MOMENT).until(() -> Arrays.stream(smtp.receivedMessages())
                .filter(m -> recipients(m).contains(ada.address())).findFirst().orElse(null), m -> m != null);

        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly(ada.address());
        assertThat(mail.getHeader("Bcc")).isNull();
        // a long subject is folded, but every line after the first continues it: none starts a header of its own
        assertThat(mail.getHeader("Subject")).singleElement().satisfies(subject -> assertThat(
                Arrays.stream(subject.split("\r\n")).skip(1))
                .allMatch(line -> line.startsWith(" ") || line.startsWith("\t")));
        assertThat(mail.getSubject()).contains("Robert'); DROP TABLE incident;--");
        assertThat(summaryStored(page)).isEqualTo(HOSTILE);
    }

    @Test
    void aHostileSummaryIsEscapedInSlackAndMentionsNobody() {
        String marker = "hostile-" + UUID.randomUUID();
        NotificationRequested page = TestPages.toSlackChannel("C0HOSTILE1", marker + " " + HOSTILE);

        request(page);
        SlackPost post = await().atMost(A_MOMENT).until(() -> slack.posts().stream()
                .filter(p -> p.text().contains(marker)).findFirst().orElse(null), p -> p != null);

        String section = JsonMapper.shared().readTree(post.blocks()).get(0).path("text").path("text").asString();
        for (String shown : new String[] {post.text(), section}) {
            assertThat(shown).doesNotContain("<!channel>", "<@U0ADMIN>", "<script>")
                    .contains("&lt;!channel&gt;", "&lt;script&gt;", "&amp;");
        }
        assertThat(summaryStored(page)).isEqualTo(marker + " " + HOSTILE);
    }

    @Test
    void anOversizedSlackBodyIsA413AndIssuesNothing() {
        UUID incident = UUID.randomUUID();
        String body = "payload=" + URLEncoder.encode("{\"type\":\"block_actions\",\"actions\":[{\"action_id\":"
                + "\"tocsin_acknowledge\",\"value\":\"" + incident + "\"}],\"padding\":\"" + "x".repeat(1_100_000)
                + "\"}", StandardCharsets.UTF_8);

        HttpResponse<String> response = clicks().send(body, Instant.now());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(commandsFor(incident)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[", "{\"a\":"})
    void aDeeplyNestedSignedSlackPayloadIsA400(String level) {
        // 50,000 levels: deep enough to overflow a recursive parser, small enough for the 1 MB body limit
        String body = "payload=" + URLEncoder.encode(level.repeat(50_000), StandardCharsets.UTF_8);

        HttpResponse<String> response = clicks().send(body, Instant.now());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("payload field is not an interaction");
    }

    @Test
    void aSignedSlackBodyWithBrokenPercentEncodingIsA400() {
        HttpResponse<String> response = clicks().send("payload=%7B%zz%7D", Instant.now());

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void anOversizedTwilioFormIsRefusedAndIssuesNothing() {
        Contact hedy = contact("Hedy", Channel.SMS, TestPages.newPhoneNumber());
        NotificationRequested page = TestPages.toContact(hedy, "Oversized reply");
        request(page);
        await().atMost(A_MOMENT).until(() -> stored(page) != null);

        HttpResponse<String> response = twilioWebhook("/webhooks/twilio/sms", Map.of("From", hedy.address(),
                "Body", page.incidentNumber() + "a", "Padding", "x".repeat(3 * 1024 * 1024)));

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(commandsFor(page.incidentId())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"%3Cscript%3Ealert(1)%3C%2Fscript%3E", "x'%20OR%20'1'%3D'1", "%00%0D%0ASet-Cookie:a=b",
            "%C3%28%FF"})
    void aHostileEmailLinkTokenIsRefusedWithoutEchoingIt(String token) {
        for (String method : new String[] {"GET", "POST"}) {
            HttpResponse<String> response = TestHttp.send(HttpRequest.newBuilder(URI.create(local("/ack/" + token)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString("action=acknowledge")).build());

            assertThat(response.statusCode()).as(method).isBetween(400, 499);
            assertThat(response.body()).doesNotContain("<script>", "Set-Cookie");
            assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void aLongEmailLinkTokenIsRefused() {
        HttpResponse<String> response = TestHttp.send(HttpRequest.newBuilder(URI.create(local("/ack/" + "A".repeat(6000))))
                .GET().build());

        assertThat(response.statusCode()).isBetween(400, 499);
    }

    private SlackClicks clicks() {
        return new SlackClicks(local(SLACK_PATH), slack.signingSecret());
    }

    private String summaryStored(NotificationRequested page) {
        return await().atMost(A_MOMENT).until(() -> jdbc.sql("select summary from incident where id = :id")
                .param("id", page.incidentId()).query(String.class).optional().orElse(null), s -> s != null);
    }

    private static String recipients(MimeMessage mail) {
        try {
            return Arrays.toString(mail.getAllRecipients());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
