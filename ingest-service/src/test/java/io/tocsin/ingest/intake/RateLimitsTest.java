package io.tocsin.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.IntegrationSettings;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.IngestProperties;
import io.tocsin.ingest.integration.KnownIntegration;
import io.tocsin.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class RateLimitsTest {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-01-31T14:00:00Z"));
    private final RateLimits limits = new RateLimits(new IngestProperties(DataSize.ofKilobytes(512),
            DataSize.ofKilobytes(64), Duration.ofSeconds(5), Duration.ofSeconds(8), 256, Duration.ofSeconds(1),
            new IngestProperties.RateLimit(60, 5)),
            clock);

    @Test
    void aBurstPassesThenTheNextRequestWaitsForATokenThenItPasses() {
        KnownIntegration integration = Fixtures.integration(IntegrationType.GENERIC);

        assertThat(IntStream.range(0, 5).mapToObj(i -> limits.take(integration))).allMatch(wait -> wait.isEmpty());
        assertThat(limits.take(integration)).contains(Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        assertThat(limits.take(integration)).isEmpty();
        assertThat(limits.take(integration)).isPresent();
    }

    @Test
    void eachIntegrationHasItsOwnBucket() {
        KnownIntegration busy = Fixtures.integration(IntegrationType.GENERIC);
        IntStream.range(0, 5).forEach(i -> limits.take(busy));

        assertThat(limits.take(busy)).isPresent();
        assertThat(limits.take(Fixtures.integration(IntegrationType.GENERIC))).isEmpty();
    }

    @Test
    void settingsOverrideTheDefaultsAndZeroSwitchesTheLimitOff() {
        KnownIntegration strict = Fixtures.integration(IntegrationType.GENERIC,
                Map.of(IntegrationSettings.RATE_LIMIT_PER_MINUTE, "6", IntegrationSettings.RATE_LIMIT_BURST, "1"));
        KnownIntegration unlimited = Fixtures.integration(IntegrationType.GENERIC, Map.of(IntegrationSettings.RATE_LIMIT_PER_MINUTE, "0"));

        assertThat(limits.take(strict)).isEmpty();
        assertThat(limits.take(strict)).contains(Duration.ofSeconds(10));
        assertThat(IntStream.range(0, 1000).mapToObj(i -> limits.take(unlimited))).allMatch(wait -> wait.isEmpty());
    }
}
