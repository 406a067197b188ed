package io.tocsin.ingest.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.IntegrationUpdated;
import io.tocsin.contracts.SecretHash;
import io.tocsin.contracts.Topics;
import io.tocsin.testkit.MutableClock;
import io.tocsin.testkit.TestInfrastructure;
import io.tocsin.testkit.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * A key the directory does not know is truly unknown only once it has read the integrations topic as far as the
 * topic reaches now: an integration published after the directory last caught up makes it "behind" again. The
 * directory here is fed record by record by the test, in the binder's place, so that "not read yet" is certain.
 */
class IntegrationDirectoryIntegrationTest {

    private final MutableClock clock = MutableClock.startingNow();
    private final IntegrationDirectory directory =
            new IntegrationDirectory(TestInfrastructure.kafkaBootstrapServers(), clock);
    private final KafkaConsumer<byte[], byte[]> topic = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));

    @AfterEach
    void close() {
        topic.close();
    }

    @Test
    void aKeyPublishedAfterTheDirectoryCaughtUpIsNotReadYetUntilItIs() {
        publishIntegration();
        assertThat(directory.readToTheEnd()).as("nothing read yet").isFalse();

        readToTheEnd();
        clock.advance(Duration.ofSeconds(1));
        assertThat(directory.readToTheEnd()).isTrue();

        String created = publishIntegration();
        clock.advance(Duration.ofSeconds(1));
        assertThat(directory.find(created)).isEmpty();
        assertThat(directory.readToTheEnd()).as("the new integration is not read yet").isFalse();

        readToTheEnd();
        clock.advance(Duration.ofSeconds(1));
        assertThat(directory.find(created)).isPresent();
        assertThat(directory.readToTheEnd()).isTrue();
    }

    private static String publishIntegration() {
        String key = SecretHash.generate();
        TestKafka.send(Topics.INTEGRATIONS, SecretHash.of(key), new IntegrationUpdated(UUID.randomUUID(),
                IntegrationUpdated.SCHEMA_VERSION, SecretHash.of(key), UUID.randomUUID(), UUID.randomUUID(),
                IntegrationType.GENERIC.name(), true, Map.of(), Instant.now()));
        return key;
    }

    /** Hands the directory every record of the topic up to its current end, as the binder's consumer would. */
    private void readToTheEnd() {
        List<TopicPartition> partitions = topic.partitionsFor(Topics.INTEGRATIONS).stream()
                .map(info -> new TopicPartition(Topics.INTEGRATIONS, info.partition())).toList();
        if (topic.assignment().isEmpty()) {
            topic.assign(partitions);
            topic.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> end = new HashMap<>(topic.endOffsets(partitions));
        var binder = directory.integrations();
        while (end.entrySet().stream().anyMatch(partition -> topic.position(partition.getKey()) < partition.getValue())) {
            for (ConsumerRecord<byte[], byte[]> record : topic.poll(Duration.ofMillis(200))) {
                binder.accept(MessageBuilder.withPayload(JsonMapper.shared().readValue(record.value(), IntegrationUpdated.class))
                        .setHeader(KafkaHeaders.RECEIVED_PARTITION, record.partition())
                        .setHeader(KafkaHeaders.OFFSET, record.offset())
                        .build());
            }
        }
    }
}
