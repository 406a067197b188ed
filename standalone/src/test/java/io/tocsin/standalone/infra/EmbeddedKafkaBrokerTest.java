package io.tocsin.standalone.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

class EmbeddedKafkaBrokerTest {

    @TempDir
    Path dataDir;

    @Test
    void recordAcknowledgedBeforeCloseIsReadBackAfterRestartOnAnotherPort() throws Exception {
        String firstAddress;
        RecordMetadata written;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            firstAddress = broker.bootstrapServers();
            assertThat(firstAddress).matches("127\\.0\\.0\\.1:\\d+");
            try (KafkaProducer<String, String> producer = producer(firstAddress)) {
                written = producer.send(new ProducerRecord<>("alerts", "key-1", "disk full on db-3")).get();
            }
        }
        assertThat(dataDir.resolve("meta.properties")).exists();

        int otherPort = freePortOtherThan(Integer.parseInt(firstAddress.substring(firstAddress.indexOf(':') + 1)));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, otherPort)) {
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + otherPort);
            try (KafkaConsumer<String, String> consumer = consumer(broker.bootstrapServers())) {
                consumer.subscribe(List.of("alerts"));
                List<ConsumerRecord<String, String>> seen = new ArrayList<>();
                await().atMost(Duration.ofSeconds(20)).pollInSameThread().until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                    return !seen.isEmpty();
                });
                assertThat(seen).singleElement().satisfies(r -> {
                    assertThat(r.key()).isEqualTo("key-1");
                    assertThat(r.value()).isEqualTo("disk full on db-3");
                    assertThat(r.partition()).isEqualTo(written.partition());
                    assertThat(r.offset()).isEqualTo(written.offset());
                });
                assertThat(consumer.partitionsFor("alerts")).hasSize(4);
            }
        }
    }

    @Test
    void explicitPortIsUsedAndCloseIsIdempotent() throws Exception {
        int port = freePortOtherThan(-1);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, port);
        try {
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
                assertThat(producer.send(new ProducerRecord<>("pings", "v")).get().offset()).isZero();
            }
        } finally {
            broker.close();
            broker.close();
        }
    }

    @Test
    void secondBrokerOnTheSameDirectoryIsRefusedBeforeKafkaTouchesIt() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0)) {
            assertThatIllegalStateException().isThrownBy(() -> EmbeddedKafkaBroker.start(dataDir, 0))
                    .withMessageContaining(dataDir.toString());
            try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
                assertThat(producer.send(new ProducerRecord<>("still-alive", "v")).get().offset()).isZero();
            }
        }
    }

    @Test
    void occupiedPortFailsTheStartAndLeavesTheDirectoryUsable() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatIllegalStateException()
                    .isThrownBy(() -> EmbeddedKafkaBroker.start(dataDir, taken.getLocalPort()));
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, 0);
             KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
            assertThat(producer.send(new ProducerRecord<>("after-failure", "v")).get().offset()).isZero();
        }
    }

    private static int freePortOtherThan(int avoided) throws Exception {
        while (true) {
            try (var socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
                if (socket.getLocalPort() != avoided) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "infra-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }
}
