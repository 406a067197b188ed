package io.tocsin.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.json.JsonMapper;

/** Plain Kafka access for tests: publish a message as a service would, record what a service publishes. */
public final class TestKafka {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestKafka() {
    }

    /** Publishes {@code message} as JSON with the given key, waiting for the broker's acknowledgement. */
    public static void send(String topic, String key, Object message) {
        send(topic, key, message, Map.of());
    }

    /** The same, with these Kafka headers too (for example a W3C {@code traceparent}). */
    public static void send(String topic, String key, Object message, Map<String, String> headers) {
        sendTogether(topic, List.of(new Outgoing(key, message, headers)));
    }

    /**
     * Publishes the records all at once and then waits for the broker's acknowledgements, so that a consumer
     * already waiting takes them in one poll (records with one key land on one partition, in this order).
     */
    public static void sendTogether(String topic, List<Outgoing> records) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (var producer = new KafkaProducer<byte[], byte[]>(config)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Outgoing outgoing : records) {
                var record = new ProducerRecord<>(topic, outgoing.key().getBytes(StandardCharsets.UTF_8),
                        JSON.writeValueAsBytes(outgoing.message()));
                record.headers().add("contentType", "application/json".getBytes(StandardCharsets.UTF_8));
                outgoing.headers().forEach((name, value) -> record.headers().add(name,
                        value.getBytes(StandardCharsets.UTF_8)));
                sent.add(producer.send(record));
            }
            producer.flush();
            for (Future<RecordMetadata> acknowledged : sent) {
                acknowledged.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish to " + topic, e.getCause());
        }
    }

    /** A record to publish: {@code message} as JSON, with its key and Kafka headers. */
    public record Outgoing(String key, Object message, Map<String, String> headers) {

        public Outgoing(String key, Object message) {
            this(key, message, Map.of());
        }
    }

    /** Starts recording every message on the topic, from its beginning, as {@code type}. */
    public static <T> Recorder<T> record(String topic, Class<T> type) {
        return new Recorder<>(topic, type);
    }

    /** One recorded message and its Kafka headers. */
    public record Received<T>(T message, Map<String, String> headers) {
    }

    /** The messages of one topic, read by a consumer of its own; close it when done. */
    public static final class Recorder<T> implements AutoCloseable {

        private final List<Received<T>> received = new CopyOnWriteArrayList<>();
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Thread poller;

        private Recorder(String topic, Class<T> type) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "test-recorder-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
            consumer.subscribe(List.of(topic));
            poller = Thread.ofPlatform().daemon().name("recorder-" + topic).start(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                            if (record.value() != null) {
                                Map<String, String> headers = new LinkedHashMap<>();
                                record.headers().forEach(header -> headers.put(header.key(),
                                        new String(header.value(), StandardCharsets.UTF_8)));
                                received.add(new Received<>(JSON.readValue(record.value(), type), headers));
                            }
                        }
                    }
                } catch (WakeupException e) {
                    // closing
                } finally {
                    consumer.close();
                }
            });
        }

        /** What was recorded so far, in arrival order. */
        public List<T> messages() {
            return received.stream().map(Received::message).toList();
        }

        /** The same, each with its record's headers (the last value of a repeated header). */
        public List<Received<T>> received() {
            return List.copyOf(received);
        }

        @Override
        public void close() {
            consumer.wakeup();
            try {
                poller.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
