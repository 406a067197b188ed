package io.tocsin.ingest.publish;

import io.tocsin.contracts.AlertEvent;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Writes alerts to Kafka and returns only once the broker acknowledged them: the binding is
 * synchronous with acks=all and an idempotent producer (see ingest.yml), so a 202 means stored.
 */
@Component
public class AlertPublisher {

    static final String BINDING = "alerts-out";
    private static final Logger log = LoggerFactory.getLogger(AlertPublisher.class);

    private final StreamBridge streamBridge;

    AlertPublisher(StreamBridge streamBridge) {
        this.streamBridge = streamBridge;
    }

    /** Stores the event in Kafka or throws {@link AlertNotStored}. */
    public void publish(AlertEvent event) {
        var message = MessageBuilder.withPayload(event)
                .setHeader(KafkaHeaders.KEY, event.key().getBytes(StandardCharsets.UTF_8))
                .build();
        boolean sent;
        try {
            sent = streamBridge.send(BINDING, message);
        } catch (RuntimeException e) {
            throw new AlertNotStored("Kafka did not acknowledge the event", e);
        }
        if (!sent) {
            throw new AlertNotStored("Kafka did not accept the event", null);
        }
        log.info("alert={} action={} service={} dedup={} stored", event.id(), event.action(), event.serviceId(),
                event.dedupKey());
    }
}
