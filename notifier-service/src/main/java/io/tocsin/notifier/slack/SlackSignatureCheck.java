package io.tocsin.notifier.slack;

import io.tocsin.notifier.RequestRefused;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signing (v0): {@code X-Slack-Signature} is {@code v0=} and the hex HMAC-SHA256, keyed with the
 * app's signing secret, of {@code v0:<X-Slack-Request-Timestamp>:<the raw body>}. The timestamp must be within five
 * minutes of now either way, so a captured request cannot be replayed later (the SDK's own check let a timestamp an
 * hour ahead pass).
 */
final class SlackSignatureCheck {

    static final String TIMESTAMP = "X-Slack-Request-Timestamp";
    static final String SIGNATURE = "X-Slack-Signature";
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final String signingSecret;
    private final Clock clock;

    /** {@code signingSecret} null or blank: every request is refused, saying what to configure. */
    SlackSignatureCheck(String signingSecret, Clock clock) {
        this.signingSecret = signingSecret == null || signingSecret.isBlank() ? null : signingSecret;
        this.clock = clock;
    }

    /** Passes a request Slack signed within the window; throws {@link RequestRefused} (403) with what is wrong otherwise. */
    void verify(String timestamp, String signature, byte[] body) {
        if (signingSecret == null) {
            throw RequestRefused.unsigned("Slack", "Slack requests cannot be verified here: set"
                    + " TOCSIN_SLACK_SIGNING_SECRET to the Slack app's signing secret (Basic Information > App Credentials)");
        }
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            throw RequestRefused.unsigned("Slack", "Missing " + TIMESTAMP + " or " + SIGNATURE
                    + " header: only Slack's signed requests are accepted here");
        }
        Instant signedAt;
        try {
            signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
        } catch (NumberFormatException e) {
            throw RequestRefused.unsigned("Slack", TIMESTAMP + " must be the request's time in Unix seconds");
        }
        Duration off = Duration.between(signedAt, clock.instant()).abs();
        if (off.compareTo(WINDOW) > 0) {
            throw RequestRefused.unsigned("Slack", "The request was signed at " + signedAt
                    + ", more than " + WINDOW.toMinutes() + " minutes from this server's time: a replay, or a clock to"
                    + " set right (NTP)");
        }
        String expected = "v0=" + HexFormat.of().formatHex(hmac(timestamp.trim(), body));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.trim().getBytes(StandardCharsets.UTF_8))) {
            throw RequestRefused.unsigned("Slack", "The " + SIGNATURE + " does not match the request:"
                    + " check that TOCSIN_SLACK_SIGNING_SECRET is this Slack app's signing secret and that no proxy"
                    + " alters the body");
        }
    }

    private byte[] hmac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
