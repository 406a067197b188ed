package io.tocsin.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPropertiesTest {

    private final RetryProperties retry = new RetryProperties(Duration.ofSeconds(15), Duration.ofMinutes(5), 0.2,
            Duration.ofMinutes(10), Duration.ofMinutes(2));

    @Test
    void theWaitDoublesAfterEachFailedAttemptUpToTheCap() {
        assertThat(retry.backoff(1, 0.5)).isEqualTo(Duration.ofSeconds(15));
        assertThat(retry.backoff(2, 0.5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(retry.backoff(3, 0.5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(retry.backoff(5, 0.5)).isEqualTo(Duration.ofMinutes(4));
        assertThat(retry.backoff(6, 0.5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(retry.backoff(60, 0.5)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitterSpreadsTheWaitByUpToItsShareEitherWay() {
        assertThat(retry.backoff(2, 0)).isEqualTo(Duration.ofSeconds(24));
        assertThat(retry.backoff(2, 0.999_999)).isBetween(Duration.ofMillis(35_999), Duration.ofSeconds(36));
    }

    @Test
    void aJitterOfAWholeWaitOrMoreIsRefused() {
        assertThatThrownBy(() -> new RetryProperties(Duration.ofSeconds(15), Duration.ofMinutes(5), 1,
                Duration.ofMinutes(10), Duration.ofMinutes(2))).hasMessageContaining("tocsin.notifier.retry.jitter");
    }
}
