package io.tocsin.routing.incident;

import static io.tocsin.messaging.UntilStored.untilStored;

import io.tocsin.contracts.ContactStatusChanged;
import io.tocsin.contracts.IncidentCommand;
import io.tocsin.routing.user.Users;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The topics routing consumes (delivery reports: {@code DeliveryReportsConsumer}). Each message is handled in one
 * database transaction that commits before the binder commits the offset. While the database is unreachable a message
 * is retried until it is stored ({@code UntilStored}); any other failure is retried a few times, then an alert becomes
 * an incident saying it could not be processed, and any other message goes to a dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
class IncidentConsumers {

    /** Read as bytes: an alert routing cannot read still becomes an incident ({@link AlertMessages}). */
    @Bean
    Consumer<Message<byte[]>> alerts(AlertMessages alerts) {
        return untilStored(alerts::onMessage);
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
