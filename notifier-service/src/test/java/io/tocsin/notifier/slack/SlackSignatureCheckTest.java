package io.tocsin.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.app_backend.SlackSignature;
import io.tocsin.notifier.RequestRefused;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

/** The signature check against signatures made by Slack's own SDK (its reference implementation of v0 signing). */
class SlackSignatureCheckTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String BODY = "payload=%7B%22type%22%3A%22block_actions%22%7D";

    private final SlackSignatureCheck check = new SlackSignatureCheck(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aRequestSlackSignedNowPasses() {
        String timestamp = String.valueOf(NOW.getEpochSecond());

        assertThatCode(() -> check.verify(timestamp, sign(SECRET, timestamp, BODY), bytes(BODY)))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(longs = {-299, 299})
    void aTimestampWithinFiveMinutesEitherWayPasses(long seconds) {
        String timestamp = String.valueOf(NOW.plusSeconds(seconds).getEpochSecond());

        assertThatCode(() -> check.verify(timestamp, sign(SECRET, timestamp, BODY), bytes(BODY)))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(longs = {-6, 6, -60, 60})
    void aCorrectlySignedRequestMoreThanFiveMinutesOffIsRefused(long minutes) {
        String timestamp = String.valueOf(NOW.plus(Duration.ofMinutes(minutes)).getEpochSecond());

        assertThatThrownBy(() -> check.verify(timestamp, sign(SECRET, timestamp, BODY), bytes(BODY)))
                .isInstanceOfSatisfying(RequestRefused.class,
                        refused -> assertThat(refused.status()).isEqualTo(HttpStatus.FORBIDDEN))
                .hasMessageContaining("more than 5 minutes");
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRefused() {
        String timestamp = String.valueOf(NOW.getEpochSecond());

        assertThatThrownBy(() -> check.verify(timestamp, sign("another-secret", timestamp, BODY), bytes(BODY)))
                .isInstanceOfSatisfying(RequestRefused.class,
                        refused -> assertThat(refused.status()).isEqualTo(HttpStatus.FORBIDDEN))
                .hasMessageContaining("does not match").hasMessageContaining("TOCSIN_SLACK_SIGNING_SECRET");
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
        String timestamp = String.valueOf(NOW.getEpochSecond());

        assertThatThrownBy(() -> check.verify(timestamp, sign(SECRET, timestamp, BODY), bytes(BODY + "&x=1")))
                .isInstanceOf(RequestRefused.class);
    }

    @Test
    void theSignatureCoversTheTimestamp() {
        String timestamp = String.valueOf(NOW.getEpochSecond());
        String other = String.valueOf(NOW.getEpochSecond() - 1);

        assertThatThrownBy(() -> check.verify(other, sign(SECRET, timestamp, BODY), bytes(BODY)))
                .isInstanceOf(RequestRefused.class);
    }

    @Test
    void missingHeadersAreRefusedAsAForgedSignatureIs() {
        String timestamp = String.valueOf(NOW.getEpochSecond());

        assertThatThrownBy(() -> check.verify(null, "v0=abc", bytes(BODY)))
                .isInstanceOfSatisfying(RequestRefused.class,
                        refused -> assertThat(refused.status()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThatThrownBy(() -> check.verify(timestamp, null, bytes(BODY)))
                .isInstanceOfSatisfying(RequestRefused.class,
                        refused -> assertThat(refused.status()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThatThrownBy(() -> check.verify("yesterday", "v0=abc", bytes(BODY)))
                .isInstanceOfSatisfying(RequestRefused.class,
                        refused -> assertThat(refused.status()).isEqualTo(HttpStatus.FORBIDDEN));
    }

    @Test
    void withoutASigningSecretEverythingIsRefusedSayingWhatToSet() {
        SlackSignatureCheck unconfigured = new SlackSignatureCheck(" ", Clock.fixed(NOW, ZoneOffset.UTC));
        String timestamp = String.valueOf(NOW.getEpochSecond());

        assertThatThrownBy(() -> unconfigured.verify(timestamp, sign("any-secret", timestamp, BODY), bytes(BODY)))
                .isInstanceOf(RequestRefused.class)
                .hasMessageContaining("set TOCSIN_SLACK_SIGNING_SECRET");
    }

    private static String sign(String secret, String timestamp, String body) {
        return new SlackSignature.Generator(secret).generate(timestamp, body);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
