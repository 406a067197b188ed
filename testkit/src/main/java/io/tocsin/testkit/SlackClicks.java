package io.tocsin.testkit;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Button clicks as Slack sends them to an app's interactivity request URL: a block_actions payload in the
 * {@code payload} form field, signed with the app's signing secret as Slack documents: {@code v0=} hex HMAC-SHA256 over
 * {@code v0:timestamp:body}.
 */
public final class SlackClicks {

    private final String url;
    private final String signingSecret;

    public SlackClicks(String url, String signingSecret) {
        this.url = url;
        this.signingSecret = signingSecret;
    }

    /** A click on one of an incident's buttons by a workspace member, answered at {@code responseUrl}. */
    public record Click(String member, UUID incidentId, String actionId, String responseUrl, String triggerId) {

        public static Click of(String member, UUID incidentId, String actionId, String responseUrl) {
            long random = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
            return new Click(member, incidentId, actionId, responseUrl, random + ".4242." + Long.toHexString(random));
        }

        /** The form body Slack posts: {@code payload=<url-encoded JSON>}. */
        public String body() {
            Map<String, Object> payload = Map.of(
                    "type", "block_actions",
                    "user", Map.of("id", member, "username", "someone", "name", "someone", "team_id", "T0TOCSIN01"),
                    "api_app_id", "A0TOCSIN01",
                    "token", "deprecated-verification-token",
                    "container", Map.of("type", "message", "message_ts", "1700000000.000100", "channel_id", "C0OPS00001"),
                    "trigger_id", triggerId,
                    "team", Map.of("id", "T0TOCSIN01", "domain", "tocsin-test"),
                    "channel", Map.of("id", "C0OPS00001", "name", "ops"),
                    "response_url", responseUrl,
                    "actions", List.of(Map.of(
                            "action_id", actionId,
                            "block_id", "tocsin_actions",
                            "text", Map.of("type", "plain_text", "text", "Acknowledge", "emoji", true),
                            "value", incidentId.toString(),
                            "type", "button",
                            "action_ts", "1700000001.000200")));
            return "payload=" + URLEncoder.encode(JsonMapper.shared().writeValueAsString(payload), StandardCharsets.UTF_8);
        }
    }

    /** Posts the click signed now, as Slack would. */
    public HttpResponse<String> send(Click click) {
        return send(click.body(), Instant.now());
    }

    /** Posts a body signed with the right secret at {@code signedAt}. */
    public HttpResponse<String> send(String body, Instant signedAt) {
        String timestamp = String.valueOf(signedAt.getEpochSecond());
        return send(body, timestamp, signature(timestamp, body));
    }

    /** Slack's {@code X-Slack-Signature} for a body sent at {@code timestamp} (Unix seconds). */
    public String signature(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts a body with exactly these headers; null leaves a header out. */
    public HttpResponse<String> send(String body, String timestamp, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (timestamp != null) {
            request.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        return TestHttp.send(request.build());
    }
}
