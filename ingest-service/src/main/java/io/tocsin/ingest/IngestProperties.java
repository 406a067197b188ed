package io.tocsin.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Ingest's limits ({@code tocsin.ingest.*}).
 *
 * @param maxBodySize larger request bodies are answered 413
 * @param maxRawPayload how much of the original body each event keeps for the incident's detail view
 * @param retryAfter what a 503 asks the sender to wait when Kafka did not take an event
 * @param publishTimeout how long a request waits for Kafka's acknowledgement before answering 503
 * @param maxInFlight requests worked on at once (one integration at most half of them); more at the same time wait
 *     for a place up to {@code placeWait}, then are answered 503 with Retry-After
 * @param placeWait how long a request may wait for one of the {@code maxInFlight} places
 * @param rateLimit the per-integration token bucket unless an integration's settings say otherwise
 */
@ConfigurationProperties("tocsin.ingest")
public record IngestProperties(
        @DefaultValue("512KB") DataSize maxBodySize,
        @DefaultValue("64KB") DataSize maxRawPayload,
        @DefaultValue("PT5S") Duration retryAfter,
        @DefaultValue("PT8S") Duration publishTimeout,
        @DefaultValue("256") int maxInFlight,
        @DefaultValue("PT1S") Duration placeWait,
        @DefaultValue RateLimit rateLimit) {

    /**
     * @param perMinute sustained requests per minute per integration
     * @param burst how many requests may arrive at once after a quiet spell
     */
    public record RateLimit(@DefaultValue("1200") int perMinute, @DefaultValue("300") int burst) {
    }
}
