package io.tocsin.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Counts ({@code tocsin.messages.dead.lettered}) and logs each message the binder gives up on and moves to its
 * dead-letter topic ({@code error.<topic>.<group>}): a message nobody could read must reach an operator, not vanish.
 * Imported by routing and the notifier, whose consumers have dead-letter topics.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    @Bean
    DlqPartitionFunction deadLetterCounter(MeterRegistry meters) {
        return (group, record, failure) -> {
            Counter.builder("tocsin.messages.dead.lettered")
                    .description("Messages moved to a dead-letter topic after bounded retries")
                    .tag("topic", record.topic())
                    .register(meters)
                    .increment();
            log.error("dead-lettered topic={} partition={} offset={} group={}: {}", record.topic(), record.partition(),
                    record.offset(), group, failure.toString());
            return 0;
        };
    }
}
