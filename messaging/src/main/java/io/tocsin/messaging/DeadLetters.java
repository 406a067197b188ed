package io.tocsin.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBinderConfigurationProperties;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Counts ({@code tocsin.messages.dead.lettered}) and logs each message given up on and moved to its dead-letter topic
 * ({@code error.<topic>.<group>}): a message nobody could read must reach an operator, not vanish. The binder moves
 * those of record-at-a-time consumers; a consumer taking a poll as a batch moves each failed record itself through
 * the {@link Publisher}, since the binder's dead-letter topic in batch mode would take the whole poll. Imported by
 * routing and the notifier, whose consumers have dead-letter topics.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    @Bean
    DlqPartitionFunction deadLetterCounter(MeterRegistry meters) {
        return (group, record, failure) -> {
            counted(meters, record.topic(), record.partition(), record.offset(), group, failure);
            return 0;
        };
    }

    @Bean
    Publisher deadLetterPublisher(Environment environment, KafkaProperties kafka,
            ObjectProvider<KafkaConnectionDetails> connection, MeterRegistry meters) {
        // the binder's own settings (brokers, producer properties, acks): dead letters go where its records come from
        KafkaBinderConfigurationProperties binder = Binder.get(environment).bindOrCreate("spring.cloud.stream.kafka.binder",
                Bindable.ofInstance(new KafkaBinderConfigurationProperties(kafka, connection)));
        Map<String, Object> config = new HashMap<>(binder.mergedProducerConfiguration());
        config.put(ProducerConfig.ACKS_CONFIG, binder.getRequiredAcks());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new Publisher(new KafkaTemplate<>(new DefaultKafkaProducerFactory<byte[], byte[]>(config)), meters);
    }

    /**
     * For the bindings whose consumer moves its own dead letters: when a poll fails anyway (Kafka refused a dead
     * letter), the poll is delivered again, 1 s to 30 s apart, for as long as it takes, instead of the container's
     * default of ten tries and then skipping the poll, which would lose its records.
     */
    @Bean
    CommonErrorHandler redeliverPoll() {
        ExponentialBackOff backOff = new ExponentialBackOff(Duration.ofSeconds(1).toMillis(), 2);
        backOff.setMaxInterval(Duration.ofSeconds(30).toMillis());
        return new DefaultErrorHandler(backOff);
    }

    private static void counted(MeterRegistry meters, String topic, int partition, long offset, String group,
            Throwable failure) {
        Counter.builder("tocsin.messages.dead.lettered")
                .description("Messages moved to a dead-letter topic after bounded retries")
                .tag("topic", topic)
                .register(meters)
                .increment();
        log.error("dead-lettered topic={} partition={} offset={} group={}: {}", topic, partition, offset, group,
                failure.toString());
    }

    /** Moves one record of a batch to its dead-letter topic, with the headers the binder's dead letters carry. */
    public static final class Publisher {

        private final KafkaTemplate<byte[], byte[]> kafka;
        private final MeterRegistry meters;

        Publisher(KafkaTemplate<byte[], byte[]> kafka, MeterRegistry meters) {
            this.kafka = kafka;
            this.meters = meters;
        }

        /**
         * Returns once Kafka stored the dead letter, and throws when it did not, so that the poll is delivered again
         * rather than the record lost.
         */
        public void publish(String group, Received<byte[]> record, Throwable failure) {
            var deadLetter = new ProducerRecord<>("error." + record.topic() + "." + group, null, record.key(),
                    record.payload());
            deadLetter.headers()
                    .add(KafkaMessageChannelBinder.X_ORIGINAL_TOPIC, bytes(record.topic()))
                    .add(KafkaMessageChannelBinder.X_ORIGINAL_PARTITION,
                            ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array())
                    .add(KafkaMessageChannelBinder.X_ORIGINAL_OFFSET,
                            ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array())
                    .add(KafkaMessageChannelBinder.X_EXCEPTION_FQCN, bytes(failure.getClass().getName()));
            if (failure.getMessage() != null) {
                deadLetter.headers().add(KafkaMessageChannelBinder.X_EXCEPTION_MESSAGE, bytes(failure.getMessage()));
            }
            if (record.traceParent() != null) {
                deadLetter.headers().add(Received.TRACE_PARENT, bytes(record.traceParent()));
            }
            try {
                kafka.send(deadLetter).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while dead-lettering " + record.topic() + "/"
                        + record.partition() + "@" + record.offset(), e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not dead-letter " + record.topic() + "/" + record.partition()
                        + "@" + record.offset(), e.getCause());
            }
            counted(meters, record.topic(), record.partition(), record.offset(), group, failure);
        }

        private static byte[] bytes(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
