package io.tocsin.ingest.intake;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.ingest.IngestProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Bounds how many webhook requests wait on Kafka at once ({@code tocsin.ingest.max-in-flight}), and how many of them
 * one integration may hold: half the places. A request that finds no place waits for one a moment
 * ({@code tocsin.ingest.place-wait}, 1 s), first among its integration's half, then in turn for any free place: a
 * storm's burst is taken in as places come free instead of being refused and sent again seconds later. A request
 * still without a place then is answered 503 with a {@link #retryAfter()}: under a flood answer times stay bounded
 * and senders are told to retry, rather than every request getting slower until monitors time out. The share keeps one flapping
 * monitor from taking every place, so the other integrations' alerts still get in during its storm (its requests queue
 * behind its own half, not in front of theirs), while one monitor's genuine storm of distinct alerts (a whole rack
 * down, seen by one Alertmanager) still has half the room.
 */
@Component
class InFlightRequests {

    /** A place held under this long means Kafka answers quickly: a refused sender may try again in a second. */
    private static final Duration QUICK = Duration.ofSeconds(1);

    private final Semaphore places;
    private final int share;
    /** One per integration that sent since start: as many as there are integrations, each a counter. */
    private final Map<UUID, Semaphore> shares = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Duration retryAfter;
    private final Clock clock;
    /** How long the latest request to leave had held its place; until one has, Kafka's speed is unknown. */
    private volatile long latestHeldMillis = Long.MAX_VALUE;

    InFlightRequests(IngestProperties properties, MeterRegistry registry, Clock clock) {
        // fair: a request waiting for a place gets the next one, not one that arrived after it
        this.places = new Semaphore(properties.maxInFlight(), true);
        this.share = Math.max(1, properties.maxInFlight() / 2);
        this.retryAfter = properties.retryAfter();
        this.clock = clock;
        Gauge.builder("tocsin.ingest.requests.waiting", waiting, AtomicInteger::get)
                .description("Webhook requests waiting for a place among those ingest works on at once")
                .register(registry);
    }

    /** A place taken by one request; {@link #leave()} it once the request is done with Kafka. */
    final class Place {

        private final Semaphore integrationShare;
        private final long enteredAt = clock.millis();

        private Place(Semaphore integrationShare) {
            this.integrationShare = integrationShare;
        }

        void leave() {
            latestHeldMillis = clock.millis() - enteredAt;
            places.release();
            integrationShare.release();
        }
    }

    /**
     * Takes a place for the integration within its share, waiting up to {@code wait} for one to come free; empty
     * when none did (or the request was interrupted), and then nothing is held.
     */
    Optional<Place> enter(UUID integrationId, Duration wait) {
        Semaphore integrationShare = shares.computeIfAbsent(integrationId, id -> new Semaphore(share, true));
        long deadline = System.nanoTime() + wait.toNanos();
        if (!take(integrationShare, deadline)) {
            return Optional.empty();
        }
        if (!take(places, deadline)) {
            integrationShare.release();
            return Optional.empty();
        }
        return Optional.of(new Place(integrationShare));
    }

    /** A permit at once if one is free and no request waits for it before this one, else waiting until the deadline. */
    private boolean take(Semaphore semaphore, long deadline) {
        try {
            // tryAcquire() would jump the queue even of a fair semaphore; a zero timeout keeps to it
            if (semaphore.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            waiting.incrementAndGet();
            try {
                return semaphore.tryAcquire(left, TimeUnit.NANOSECONDS);
            } finally {
                waiting.decrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * What a refused request is told to wait: a second while Kafka answers quickly (the latest request to leave held
     * its place under a second), so a storm's refused alerts come back at once; {@code tocsin.ingest.retry-after}
     * while requests wait long on Kafka, which more retries would not help.
     */
    Duration retryAfter() {
        return latestHeldMillis < QUICK.toMillis() ? QUICK : retryAfter;
    }
}
