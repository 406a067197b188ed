package io.tocsin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

class FakeSlackTest {

    private static final FakeSlack slack = new FakeSlack();

    @BeforeEach
    void reset() {
        slack.reset();
    }

    @AfterAll
    static void stop() {
        slack.close();
    }

    @Test
    void postsAJsonMessageAndUpdatesItByTs() throws Exception {
        String blocks = "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*db-primary down*\"}}]";
        DocumentContext posted = call("chat.postMessage", "application/json; charset=utf-8", bearer(),
                "{\"channel\":\"C0123456789\",\"text\":\"db-primary down\",\"blocks\":" + blocks + "}");

        assertThat(posted.<Boolean>read("$.ok")).isTrue();
        assertThat(posted.<String>read("$.channel")).isEqualTo("C0123456789");
        String ts = posted.read("$.ts");
        assertThat(ts).matches("\\d{10}\\.\\d{6}");
        assertThat(posted.<String>read("$.message.blocks[0].text.text")).isEqualTo("*db-primary down*");

        DocumentContext updated = call("chat.update", "application/x-www-form-urlencoded", bearer(),
                "channel=C0123456789&ts=" + ts + "&text=acknowledged+by+ada");

        assertThat(updated.<Boolean>read("$.ok")).isTrue();
        assertThat(updated.<String>read("$.ts")).isEqualTo(ts);
        assertThat(slack.posts()).containsExactly(
                new FakeSlack.SlackPost("C0123456789", ts, "db-primary down", blocks));
        assertThat(slack.updates()).containsExactly(
                new FakeSlack.SlackPost("C0123456789", ts, "acknowledged by ada", null));
    }

    @Test
    void answersAuthProblemsTheWaySlackDoes() throws Exception {
        assertThat(call("chat.postMessage", "application/x-www-form-urlencoded", null, "channel=C0123456789&text=hi")
                .<String>read("$.error")).isEqualTo("not_authed");
        assertThat(call("chat.postMessage", "application/x-www-form-urlencoded", "Bearer xoxb-wrong",
                "channel=C0123456789&text=hi").<String>read("$.error")).isEqualTo("invalid_auth");
        assertThat(slack.posts()).isEmpty();
    }

    @Test
    void refusesToUpdateAMessageItNeverPosted() throws Exception {
        DocumentContext updated = call("chat.update", "application/x-www-form-urlencoded", bearer(),
                "channel=C0123456789&ts=1700000000.000100&text=acknowledged");

        assertThat(updated.<Boolean>read("$.ok")).isFalse();
        assertThat(updated.<String>read("$.error")).isEqualTo("message_not_found");
    }

    @Test
    void failsTheNextCallsAsTold() throws Exception {
        slack.failNext(1, 429, "ratelimited");

        HttpResponse<String> limited = send("chat.postMessage", "application/x-www-form-urlencoded", bearer(),
                "channel=%23ops&text=first");
        DocumentContext accepted = call("chat.postMessage", "application/x-www-form-urlencoded", bearer(),
                "channel=%23ops&text=second");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(JsonPath.<String>read(limited.body(), "$.error")).isEqualTo("ratelimited");
        assertThat(accepted.<String>read("$.channel")).matches("C[0-9A-F]+");
        assertThat(slack.posts()).extracting(FakeSlack.SlackPost::text).containsExactly("second");
    }

    @Test
    void keepsWhatIsPostedToAResponseUrl() throws Exception {
        String url = slack.responseUrl();
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"response_type\":\"ephemeral\",\"replace_original\":false,\"text\":\"Not linked\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(url).isNotEqualTo(slack.responseUrl());
        assertThat(slack.responses()).containsExactly(new FakeSlack.SlackResponse(url, "ephemeral", "Not linked", false));
        assertThat(slack.signingSecret()).hasSize(32);
    }

    private static String bearer() {
        return "Bearer " + slack.botToken();
    }

    private static DocumentContext call(String method, String contentType, String authorization, String body)
            throws Exception {
        HttpResponse<String> response = send(method, contentType, authorization, body);
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonPath.parse(response.body());
    }

    private static HttpResponse<String> send(String method, String contentType, String authorization, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(slack.baseUrl() + method))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
