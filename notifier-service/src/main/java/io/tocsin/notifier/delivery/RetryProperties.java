package io.tocsin.notifier.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How temporary failures are retried ({@code tocsin.notifier.retry.*}): exponential backoff from {@code initialBackoff},
 * doubling up to {@code maxBackoff}, each delay moved by up to ±{@code jitter} of itself so that pages failed together
 * do not retry together; nothing is retried later than {@code deadline} after the first attempt. A page being sent
 * holds a lease of {@code sendingLease}: if the notifier dies mid-send, another instance sends it again once the lease
 * has run out, so it must be longer than any provider call takes, with its wait for a free call slot (at most the calls
 * queued ahead of it, see {@link ProviderCalls}).
 */
@ConfigurationProperties("tocsin.notifier.retry")
record RetryProperties(
        @DefaultValue("PT15S") Duration initialBackoff,
        @DefaultValue("PT5M") Duration maxBackoff,
        @DefaultValue("0.2") double jitter,
        @DefaultValue("PT10M") Duration deadline,
        @DefaultValue("PT2M") Duration sendingLease) {

    RetryProperties {
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("tocsin.notifier.retry.jitter must be at least 0 and below 1, not " + jitter);
        }
    }

    /**
     * The wait after failed attempt number {@code attempt} (from 1); {@code random} in [0, 1) picks where within the
     * jitter band it falls.
     */
    Duration backoff(int attempt, double random) {
        Duration delay = initialBackoff;
        for (int i = 1; i < attempt && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        if (delay.compareTo(maxBackoff) > 0) {
            delay = maxBackoff;
        }
        double factor = 1 + jitter * (2 * random - 1);
        return Duration.ofMillis(Math.round(delay.toMillis() * factor));
    }
}
