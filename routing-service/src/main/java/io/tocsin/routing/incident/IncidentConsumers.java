package io.tocsin.routing.incident;

import static io.tocsin.messaging.UntilStored.untilStored;

import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.ContactStatusChanged;
import io.tocsin.contracts.IncidentCommand;
import io.tocsin.routing.user.Users;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The topics routing consumes (delivery reports: {@code DeliveryReportsConsumer}). Each message is
 * handled in one database transaction that commits before the binder commits the offset. While the database is unreachable a message is retried
 * until it is stored ({@code UntilStored}); any other failure is retried a few times, then the
 * message goes to a dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
class IncidentConsumers {

    @Bean
    Consumer<AlertEvent> alerts(IncidentLifecycle lifecycle) {
        return untilStored(lifecycle::onAlert);
    }

    @Bean
    Consumer<IncidentCommand> commands(IncidentLifecycle lifecycle) {
        return untilStored(lifecycle::onCommand);
    }

    @Bean
    Consumer<ContactStatusChanged> contactStatus(Users users) {
        return untilStored(users::onContactStatus);
    }
}
