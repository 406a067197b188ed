package io.tocsin.routing.incident;

import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.IncidentCommand;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The topics routing consumes. Each message is handled in one database transaction that commits
 * before the binder commits the offset; a message that keeps failing goes to a dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
class IncidentConsumers {

    @Bean
    Consumer<AlertEvent> alerts(IncidentLifecycle lifecycle) {
        return lifecycle::onAlert;
    }

    @Bean
    Consumer<IncidentCommand> commands(IncidentLifecycle lifecycle) {
        return lifecycle::onCommand;
    }

    @Bean
    Consumer<DeliveryReported> deliveries(IncidentLifecycle lifecycle) {
        return lifecycle::onDelivery;
    }
}
