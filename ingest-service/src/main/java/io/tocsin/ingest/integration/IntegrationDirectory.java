package io.tocsin.ingest.integration;

import io.tocsin.contracts.IntegrationUpdated;
import io.tocsin.contracts.SecretHash;
import io.tocsin.contracts.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * The integrations this ingest instance accepts, kept from the compacted integrations topic.
 * Every instance reads the whole topic (an anonymous consumer group from the earliest offset),
 * so ingest authenticates keys without a database. Until it has read as far as the topic reaches
 * ({@link #readToTheEnd()}), an unknown key may just not have been read yet: an integration created a moment ago.
 */
@Configuration(proxyBeanMethods = false)
public class IntegrationDirectory implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IntegrationDirectory.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);
    /**
     * How long one look at the topic's end answers for: a burst of requests with unknown keys asks Kafka once, and
     * a record published since is still read within ingest's usual lag.
     */
    private static final Duration END_REUSED = Duration.ofMillis(200);

    private final Map<String, KnownIntegration> byKeyHash = new ConcurrentHashMap<>();
    private final Map<Integer, Long> read = new ConcurrentHashMap<>();
    private final String brokers;
    private final Clock clock;
    private TopicEnd latestEnd;
    private Instant latestEndAt;
    /** Made on the first look at the topic's end and kept: looks come every {@link #END_REUSED} under unknown keys. */
    private Admin admin;

    IntegrationDirectory(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers, Clock clock) {
        this.brokers = brokers;
        this.clock = clock;
    }

    /** The integration whose key this is, if ingest has heard of it. */
    public Optional<KnownIntegration> find(String integrationKey) {
        return Optional.ofNullable(byKeyHash.get(SecretHash.of(integrationKey)));
    }

    /**
     * Whether this instance has read the integrations topic as far as it reaches now, so that a key it does not
     * know is truly unknown. False while it is behind (an integration just created may be in the part not yet
     * read) and while Kafka cannot say where the topic ends.
     */
    public boolean readToTheEnd() {
        return currentEnd().map(end -> end.reachedBy(read)).orElse(false);
    }

    /** The topic's end as Kafka said it lately; empty, and not asked again for a while, when Kafka could not say. */
    private synchronized Optional<TopicEnd> currentEnd() {
        Instant now = clock.instant();
        if (latestEndAt == null || !now.isBefore(latestEndAt.plus(latestEnd == null ? ADMIN_TIMEOUT : END_REUSED))) {
            try {
                latestEnd = topicEnd();
            } catch (RuntimeException unknownEnd) {
                latestEnd = null;
                log.warn("cannot tell how far the integrations topic goes: {}", unknownEnd.toString());
            }
            latestEndAt = now;
        }
        return Optional.ofNullable(latestEnd);
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

    /** Kafka's admin client, because the binder has no way to tell where a topic ends. */
    private TopicEnd topicEnd() {
        int timeout = (int) ADMIN_TIMEOUT.toMillis();
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout));
        }
        try {
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

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(ADMIN_TIMEOUT);
        }
    }

    private static Map<TopicPartition, OffsetSpec> request(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        return request;
    }
}
