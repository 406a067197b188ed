package io.tocsin.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.notifier.delivery.SendOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class WebhookOutcomeTest {

    private final WebhookSender sender = new WebhookSender(new WebhookProperties("secret", List.of(),
            Duration.ofSeconds(5), Duration.ofSeconds(10)), JsonMapper.shared(),
            Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC));

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204})
    void anyTwoHundredIsSent(int status) {
        assertThat(sender.outcome("hooks.example.org", status, null)).isInstanceOf(SendOutcome.Sent.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void timeoutsRateLimitsAndServerErrorsAreTemporary(int status) {
        assertThat(failed(status, null).temporary()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 307, 400, 401, 403, 404, 410, 422})
    void redirectsAndOtherRefusalsArePermanent(int status) {
        assertThat(failed(status, null).temporary()).isFalse();
        assertThat(failed(status, null).reason()).contains("hooks.example.org answered HTTP " + status);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsADate() {
        assertThat(failed(429, "30").retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(failed(503, "Sat, 01 Mar 2025 12:02:00 GMT").retryAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(failed(503, "Sat, 01 Mar 2025 11:00:00 GMT").retryAfter()).isEqualTo(Duration.ZERO);
        assertThat(failed(503, "later").retryAfter()).isNull();
        assertThat(failed(503, null).retryAfter()).isNull();
    }

    private SendOutcome.Failed failed(int status, String retryAfter) {
        return (SendOutcome.Failed) sender.outcome("hooks.example.org", status, retryAfter);
    }
}
