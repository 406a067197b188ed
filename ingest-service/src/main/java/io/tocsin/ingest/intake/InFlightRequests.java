package io.tocsin.ingest.intake;

import io.tocsin.ingest.IngestProperties;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * Bounds how many webhook requests wait on Kafka at once ({@code tocsin.ingest.max-in-flight}), and how many of them
 * one integration may hold: half the places. A request over either bound is answered 503 at once instead of waiting
 * behind the others: under a flood, answer times stay bounded and senders are told to retry, rather than every
 * request getting slower until monitors time out. The share keeps one flapping monitor from taking every place, so
 * the other integrations' alerts still get in during its storm, while one monitor's genuine storm of distinct alerts
 * (a whole rack down, seen by one Alertmanager) still has half the room.
 */
@Component
class InFlightRequests {

    private final Semaphore places;
    private final int share;
    private final Map<UUID, Integer> held = new ConcurrentHashMap<>();

    InFlightRequests(IngestProperties properties) {
        this.places = new Semaphore(properties.maxInFlight());
        this.share = Math.max(1, properties.maxInFlight() / 2);
    }

    /** Takes a place for the integration if it has not used its share and one is free; then {@link #leave}. */
    boolean tryEnter(UUID integrationId) {
        boolean[] entered = {false};
        // the count and the place are taken together under the entry's lock: a refused request changes neither
        held.compute(integrationId, (id, count) -> {
            int now = count == null ? 0 : count;
            if (now >= share || !places.tryAcquire()) {
                return count;
            }
            entered[0] = true;
            return now + 1;
        });
        return entered[0];
    }

    void leave(UUID integrationId) {
        // an integration holding nothing has no entry: the map stays as small as the integrations sending right now
        held.computeIfPresent(integrationId, (id, count) -> count == 1 ? null : count - 1);
        places.release();
    }
}
