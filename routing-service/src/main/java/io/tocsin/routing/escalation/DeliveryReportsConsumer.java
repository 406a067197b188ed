package io.tocsin.routing.escalation;

import static io.tocsin.messaging.UntilStored.untilStored;

import io.tocsin.contracts.DeliveryReported;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Consumes the notifier's delivery reports, as {@code IncidentConsumers} does alerts and commands. */
@Configuration(proxyBeanMethods = false)
class DeliveryReportsConsumer {

    @Bean
    Consumer<DeliveryReported> deliveries(DeliveryReports reports) {
        return untilStored(reports::onDelivery);
    }
}
