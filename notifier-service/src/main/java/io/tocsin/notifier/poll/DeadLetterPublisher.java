package io.tocsin.notifier.poll;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.messaging.Received;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Moves one record of a poll to its dead-letter topic ({@code error.<topic>.<group>}), with the headers the binder's
 * own dead letters carry: in batch mode the binder would dead-letter the whole poll, good records with the bad.
 * Counted ({@code tocsin.messages.dead.lettered}) and logged like the binder's. Throws if Kafka does not take it
 * (the send is synchronous: {@code spring.cloud.stream.kafka.default.producer.sync}), so the poll is tried again
 * rather than the record dropped.
 */
@Component
public class DeadLetterPublisher {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final StreamBridge streamBridge;
    private final MeterRegistry meters;

    DeadLetterPublisher(StreamBridge streamBridge, MeterRegistry meters) {
        this.streamBridge = streamBridge;
        this.meters = meters;
    }

    public void publish(Received<byte[]> record, String group, RuntimeException failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        var message = MessageBuilder.withPayload(record.payload())
                .setHeader("x-original-topic", record.topic().getBytes(StandardCharsets.UTF_8))
                .setHeader("x-original-partition", ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array())
                .setHeader("x-original-offset", ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array())
                .setHeader("x-exception-fqcn", failure.getClass().getName().getBytes(StandardCharsets.UTF_8))
                .setHeader("x-exception-message", String.valueOf(failure.getMessage()).getBytes(StandardCharsets.UTF_8))
                .setHeader("x-exception-stacktrace", trace.toString().getBytes(StandardCharsets.UTF_8))
                .build();
        if (!streamBridge.send("error." + record.topic() + "." + group, message)) {
            throw new IllegalStateException("dead letter of " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " not taken");
        }
        Counter.builder("tocsin.messages.dead.lettered")
                .description("Messages moved to a dead-letter topic after bounded retries")
                .tag("topic", record.topic())
                .register(meters)
                .increment();
        log.error("dead-lettered topic={} partition={} offset={} group={}: {}", record.topic(), record.partition(),
                record.offset(), group, failure.toString());
    }
}
