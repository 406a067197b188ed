package io.tocsin.ingest.publish;

import io.tocsin.contracts.AlertEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Writes alerts to Kafka and returns only once the broker acknowledged them: the binding is
 * synchronous with acks=all and an idempotent producer (see ingest.yml), so a 202 means stored.
 * Each send is timed as {@code tocsin.ingest.publish} with outcome stored or failed.
 */
@Component
public class AlertPublisher {

    static final String BINDING = "alerts-out";
    private static final Logger log = LoggerFactory.getLogger(AlertPublisher.class);

    private final StreamBridge streamBridge;
    private final Timer stored;
    private final Timer failed;

    AlertPublisher(StreamBridge streamBridge, MeterRegistry registry) {
        this.streamBridge = streamBridge;
        this.stored = timer(registry, "stored");
        this.failed = timer(registry, "failed");
    }

    private static Timer timer(MeterRegistry registry, String outcome) {
        return Timer.builder("tocsin.ingest.publish")
                .description("Time until Kafka acknowledged (or refused) an alert")
                .tag("outcome", outcome)
                .register(registry);
    }

    /** Stores the event in Kafka or throws {@link AlertNotStored}. */
    public void publish(AlertEvent event) {
        var message = MessageBuilder.withPayload(event)
                .setHeader(KafkaHeaders.KEY, event.key().getBytes(StandardCharsets.UTF_8))
                .build();
        long start = System.nanoTime();
        boolean sent;
        try {
            sent = streamBridge.send(BINDING, message);
        } catch (RuntimeException e) {
            failed.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            throw new AlertNotStored("Kafka did not acknowledge the event", e);
        }
        (sent ? stored : failed).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        if (!sent) {
            throw new AlertNotStored("Kafka did not accept the event", null);
        }
        log.info("alert={} action={} service={} dedup={} stored", event.id(), event.action(), event.serviceId(),
                event.dedupKey());
    }
}
