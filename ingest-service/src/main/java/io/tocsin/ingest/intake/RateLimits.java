package io.tocsin.ingest.intake;

import io.tocsin.contracts.IntegrationSettings;
import io.tocsin.ingest.IngestProperties;
import io.tocsin.ingest.integration.KnownIntegration;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A token bucket per integration: {@code rate-limit.per-minute} requests a minute sustained, up to
 * {@code rate-limit.burst} at once; an integration's settings ({@link IntegrationSettings}) override the configured
 * defaults and {@code rate-limit.per-minute=0} switches the limit off. Buckets live in this instance's memory only, so
 * N ingest instances together allow up to N times the limit: it guards against floods, not for billing.
 */
@Component
class RateLimits {


    private final IngestProperties.RateLimit defaults;
    private final Clock clock;
    private final Map<UUID, TokenBucket> buckets = new ConcurrentHashMap<>();

    RateLimits(IngestProperties properties, Clock clock) {
        this.defaults = properties.rateLimit();
        this.clock = clock;
    }

    /** Takes a token for one request; empty if allowed, else how long until the next token. */
    Optional<Duration> take(KnownIntegration integration) {
        Limit limit = limitOf(integration);
        if (limit.perMinute() <= 0) {
            return Optional.empty();
        }
        TokenBucket bucket = buckets.compute(integration.integrationId(),
                (id, existing) -> existing != null && existing.limit.equals(limit) ? existing : new TokenBucket(limit));
        return bucket.take(clock.millis());
    }

    private Limit limitOf(KnownIntegration integration) {
        int perMinute = number(integration, IntegrationSettings.RATE_LIMIT_PER_MINUTE, defaults.perMinute());
        int burst = number(integration, IntegrationSettings.RATE_LIMIT_BURST, Math.max(defaults.burst(), 1));
        return new Limit(perMinute, Math.max(burst, 1));
    }

    private static int number(KnownIntegration integration, String setting, int fallback) {
        return integration.setting(setting).map(value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }).orElse(fallback);
    }

    record Limit(int perMinute, int burst) {
    }

    private static final class TokenBucket {

        private final Limit limit;
        private final double tokensPerMilli;
        private double tokens;
        private long lastRefill = Long.MIN_VALUE;

        TokenBucket(Limit limit) {
            this.limit = limit;
            this.tokensPerMilli = limit.perMinute() / 60_000.0;
            this.tokens = limit.burst();
        }

        synchronized Optional<Duration> take(long nowMillis) {
            if (lastRefill != Long.MIN_VALUE && nowMillis > lastRefill) {
                tokens = Math.min(limit.burst(), tokens + (nowMillis - lastRefill) * tokensPerMilli);
            }
            lastRefill = Math.max(nowMillis, lastRefill);
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis((long) Math.ceil((1 - tokens) / tokensPerMilli)));
        }
    }
}
