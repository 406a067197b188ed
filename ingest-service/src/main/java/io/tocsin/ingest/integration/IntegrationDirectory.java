package io.tocsin.ingest.integration;

import io.tocsin.contracts.IntegrationUpdated;
import io.tocsin.contracts.SecretHash;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The integrations this ingest instance accepts, kept from the compacted integrations topic.
 * Every instance reads the whole topic (an anonymous consumer group from the earliest offset),
 * so ingest authenticates keys without a database.
 */
@Configuration(proxyBeanMethods = false)
public class IntegrationDirectory {

    private static final Logger log = LoggerFactory.getLogger(IntegrationDirectory.class);

    private final Map<String, KnownIntegration> byKeyHash = new ConcurrentHashMap<>();

    /** The integration whose key this is, if ingest has heard of it. */
    public Optional<KnownIntegration> find(String integrationKey) {
        return Optional.ofNullable(byKeyHash.get(SecretHash.of(integrationKey)));
    }

    /** Records the latest state of an integration, as published on the integrations topic. */
    public void apply(IntegrationUpdated update) {
        byKeyHash.put(update.keyHash(), new KnownIntegration(
                update.integrationId(), update.serviceId(), update.type(), update.enabled(), update.settings()));
        log.info("integration={} service={} type={} enabled={}", update.integrationId(), update.serviceId(),
                update.type(), update.enabled());
    }

    @Bean
    Consumer<IntegrationUpdated> integrations() {
        return this::apply;
    }
}
