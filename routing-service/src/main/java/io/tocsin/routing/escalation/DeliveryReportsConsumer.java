package io.tocsin.routing.escalation;

import io.tocsin.contracts.DeliveryReported;
import io.tocsin.routing.inbox.BatchConsumers;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Consumes the notifier's delivery reports a poll at a time, as {@code IncidentConsumers} does alerts and commands. */
@Configuration(proxyBeanMethods = false)
class DeliveryReportsConsumer {

    @Bean
    Consumer<Message<List<byte[]>>> deliveries(BatchConsumers consumers, DeliveryReports reports) {
        return consumers.of("delivery report", DeliveryReported.class, DeliveryReported::id, reports::prepare,
                reports::onDelivery, consumers.deadLetter());
    }
}
