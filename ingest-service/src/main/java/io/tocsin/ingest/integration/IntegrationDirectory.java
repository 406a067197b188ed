package io.tocsin.ingest.integration;

import io.tocsin.contracts.IntegrationUpdated;
import io.tocsin.contracts.SecretHash;
import io.tocsin.contracts.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * The integrations this ingest instance accepts, kept from the compacted integrations topic.
 * Every instance reads the whole topic (an anonymous consumer group from the earliest offset),
 * so ingest authenticates keys without a database. Until it has read as far as the topic reached
 * when it started ({@link #loaded()}), an unknown key may just not have been read yet.
 */
@Configuration(proxyBeanMethods = false)
public class IntegrationDirectory {

    private static final Logger log = LoggerFactory.getLogger(IntegrationDirectory.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, KnownIntegration> byKeyHash = new ConcurrentHashMap<>();
    private final Map<Integer, Long> read = new ConcurrentHashMap<>();
    private final String brokers;
    private volatile TopicEnd end;
    private volatile boolean loaded;

    IntegrationDirectory(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers) {
        this.brokers = brokers;
    }

    /** The integration whose key this is, if ingest has heard of it. */
    public Optional<KnownIntegration> find(String integrationKey) {
        return Optional.ofNullable(byKeyHash.get(SecretHash.of(integrationKey)));
    }

    /** Whether every integration that existed when this instance started is known here. */
    public boolean loaded() {
        if (!loaded && end != null && end.reachedBy(read)) {
            loaded = true;
            log.info("all {} integrations known at start-up are loaded", byKeyHash.size());
        }
        return loaded;
    }

    /** Records the latest state of an integration, as published on the integrations topic. */
    public void apply(IntegrationUpdated update) {
        byKeyHash.put(update.keyHash(), new KnownIntegration(
                update.integrationId(), update.serviceId(), update.type(), update.enabled(), update.settings(),
                update.keyExpiredAt()));
        log.info("integration={} service={} type={} enabled={}", update.integrationId(), update.serviceId(),
                update.type(), update.enabled());
    }

    @Bean
    Consumer<Message<IntegrationUpdated>> integrations() {
        return message -> {
            apply(message.getPayload());
            Integer partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION, Integer.class);
            Long offset = message.getHeaders().get(KafkaHeaders.OFFSET, Long.class);
            if (partition != null && offset != null) {
                read.merge(partition, offset, Math::max);
            }
        };
    }

    /** Notes where the topic ends, retrying in the background while Kafka cannot say. */
    @EventListener(ApplicationReadyEvent.class)
    void findTopicEnd() {
        Thread.ofVirtual().name("integrations-topic-end").start(() -> {
            while (end == null) {
                try {
                    end = topicEnd();
                } catch (RuntimeException e) {
                    log.warn("cannot tell how far the integrations topic goes yet, retrying: {}", e.toString());
                    try {
                        Thread.sleep(ADMIN_TIMEOUT);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        });
    }

    /** Kafka's admin client, because the binder has no way to tell where a topic ends. */
    private TopicEnd topicEnd() {
        int timeout = (int) ADMIN_TIMEOUT.toMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.INTEGRATIONS)).allTopicNames()
                    .get(timeout, TimeUnit.MILLISECONDS).get(Topics.INTEGRATIONS).partitions().stream()
                    .map(info -> new TopicPartition(Topics.INTEGRATIONS, info.partition()))
                    .toList();
            var earliest = admin.listOffsets(request(partitions, OffsetSpec.earliest())).all()
                    .get(timeout, TimeUnit.MILLISECONDS);
            var latest = admin.listOffsets(request(partitions, OffsetSpec.latest())).all()
                    .get(timeout, TimeUnit.MILLISECONDS);
            Map<Integer, Long> last = new HashMap<>();
            for (TopicPartition partition : partitions) {
                long first = earliest.get(partition).offset();
                long next = latest.get(partition).offset();
                if (next > first) {
                    last.put(partition.partition(), next - 1);
                }
            }
            return new TopicEnd(last);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return new TopicEnd(Map.of());
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + ADMIN_TIMEOUT, e);
        }
    }

    private static Map<TopicPartition, OffsetSpec> request(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        return request;
    }
}
