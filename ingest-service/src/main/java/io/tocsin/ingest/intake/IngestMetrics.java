package io.tocsin.ingest.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Ingest's counters: {@code tocsin.ingest.events.accepted} (events published, by integration type) and
 * {@code tocsin.ingest.requests.rejected} (requests turned away, by integration type and reason). Publish latency
 * is the {@code tocsin.ingest.publish} timer of {@link io.tocsin.ingest.publish.AlertPublisher}.
 */
@Component
public class IngestMetrics {

    /** The type tag of requests rejected before ingest could tell which integration type they were for. */
    public static final String UNKNOWN_TYPE = "UNKNOWN";

    private final MeterRegistry registry;
    // each counter looked up once: registering it again for every request cost a meter lookup each
    private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<Rejection, Counter> rejected = new ConcurrentHashMap<>();

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void accepted(String integrationType, int events) {
        accepted.computeIfAbsent(integrationType, type -> Counter.builder("tocsin.ingest.events.accepted")
                .description("Events published to Kafka")
                .tag("integration.type", type)
                .register(registry))
                .increment(events);
    }

    /** Counts a request that published nothing. */
    public void rejected(String integrationType, Reason reason) {
        rejected.computeIfAbsent(new Rejection(integrationType, reason),
                rejection -> Counter.builder("tocsin.ingest.requests.rejected")
                        .description("Requests answered with an error, nothing published")
                        .tag("integration.type", rejection.integrationType())
                        .tag("reason", rejection.reason().tag())
                        .register(registry))
                .increment();
    }

    private record Rejection(String integrationType, Reason reason) {
    }
}
