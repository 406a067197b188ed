package io.tocsin.ingest.intake;

import io.tocsin.ingest.IngestProperties;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * Bounds how many webhook requests ingest works on at once ({@code tocsin.ingest.max-in-flight}). A request over the
 * bound is answered 503 at once instead of waiting behind the others: under a flood, heap and answer times stay
 * bounded and senders are told to retry, rather than every request getting slower until monitors time out.
 */
@Component
class InFlightRequests {

    private final Semaphore permits;

    InFlightRequests(IngestProperties properties) {
        this.permits = new Semaphore(properties.maxInFlight());
    }

    /** Takes a place if one is free; whoever gets one must {@link #leave()}. */
    boolean tryEnter() {
        return permits.tryAcquire();
    }

    void leave() {
        permits.release();
    }
}
