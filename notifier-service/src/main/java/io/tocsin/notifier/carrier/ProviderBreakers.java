package io.tocsin.notifier.carrier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A circuit breaker per SMS/voice provider (Resilience4j), on the notifier's clock: a provider whose sends keep
 * failing on its side is skipped for a while, then tried again by a few pages. Its state is the gauge
 * {@code tocsin.notifier.provider.circuit.open} (1 while skipped; deploy/'s TocsinProviderDown alerts on it) and a
 * detail of {@code /actuator/health} ("providers"), which stays UP: the other providers still page.
 */
public class ProviderBreakers implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ProviderBreakers.class);

    private final CircuitBreakerRegistry registry;

    ProviderBreakers(CarrierProperties.Breaker settings, Clock clock, MeterRegistry meters, Iterable<String> providers) {
        registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRate())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .clock(clock)
                .build());
        for (String provider : providers) {
            CircuitBreaker breaker = registry.circuitBreaker(provider);
            breaker.getEventPublisher().onStateTransition(event -> log.warn("provider={} circuit {}: {}", provider,
                    event.getStateTransition(), switch (event.getStateTransition().getToState()) {
                        case OPEN -> "skipped for " + settings.openFor() + ", its sends keep failing";
                        case HALF_OPEN -> "trying it again";
                        default -> "in use again";
                    }));
            Gauge.builder("tocsin.notifier.provider.circuit.open", breaker,
                            b -> b.getState() == CircuitBreaker.State.OPEN
                                    || b.getState() == CircuitBreaker.State.FORCED_OPEN ? 1 : 0)
                    .description("1 while the SMS/voice provider is skipped because its sends keep failing")
                    .tag("provider", provider)
                    .register(meters);
        }
    }

    /** Whether a send may go to the provider now; if so, its outcome must be {@link #record recorded}. */
    boolean permits(String provider) {
        return registry.circuitBreaker(provider).tryAcquirePermission();
    }

    /** Hands back a permission {@link #permits} gave for a send that was not made. */
    void release(String provider) {
        registry.circuitBreaker(provider).releasePermission();
    }

    /** A send's outcome: {@code failed} when it failed on the provider's side. */
    void record(String provider, long nanos, boolean failed) {
        CircuitBreaker breaker = registry.circuitBreaker(provider);
        if (failed) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, new ProviderFailed(provider));
        } else {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Closes every breaker, as at start. */
    public void reset() {
        registry.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    public CircuitBreaker.State state(String provider) {
        return registry.circuitBreaker(provider).getState();
    }

    @Override
    public Health health() {
        Map<String, Object> states = new TreeMap<>();
        registry.getAllCircuitBreakers().forEach(breaker -> states.put(breaker.getName(), breaker.getState().name()));
        return Health.up().withDetails(states).build();
    }

    /** What the breaker records of a failed send: the outcome, not an exception the provider threw. */
    private static final class ProviderFailed extends RuntimeException {

        ProviderFailed(String provider) {
            super(provider + " failed", null, false, false);
        }
    }
}
