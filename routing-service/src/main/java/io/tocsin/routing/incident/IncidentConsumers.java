package io.tocsin.routing.incident;

import static io.tocsin.messaging.UntilStored.untilStored;

import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.ContactStatusChanged;
import io.tocsin.contracts.IncidentCommand;
import io.tocsin.routing.inbox.BatchConsumers;
import io.tocsin.routing.rule.EventRules;
import io.tocsin.routing.user.Users;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The topics routing consumes (delivery reports: {@code DeliveryReportsConsumer}). Alerts and commands come a poll at
 * a time, applied in one database transaction that commits before the binder commits the offsets
 * ({@link BatchConsumers}). While the database is unreachable a poll is retried until it is stored
 * ({@code UntilStored}); a record that fails alone after its attempts becomes, for an alert, an incident saying it
 * could not be processed, and for any other message a dead letter.
 */
@Configuration(proxyBeanMethods = false)
class IncidentConsumers {

    /**
     * Read as bytes: an alert routing cannot read still becomes an incident ({@link AlertMessages}). Its integration's
     * event rules apply first, before the poll's incidents are locked: they may change its service and dedup key.
     */
    @Bean
    Consumer<Message<List<byte[]>>> alerts(BatchConsumers consumers, IncidentLifecycle lifecycle, AlertMessages alerts,
            EventRules rules) {
        return consumers.of("alert", AlertEvent.class, AlertEvent::id,
                firstDeliveries -> lifecycle.prepare(rules.route(firstDeliveries)),
                alert -> rules.routed(alert).ifPresent(lifecycle::onAlert), alerts::unprocessable);
    }

    @Bean
    Consumer<Message<List<byte[]>>> commands(BatchConsumers consumers, IncidentLifecycle lifecycle) {
        return consumers.of("command", IncidentCommand.class, IncidentCommand::id, firstDeliveries -> { },
                lifecycle::onCommand, consumers.deadLetter());
    }

    @Bean
    Consumer<ContactStatusChanged> contactStatus(Users users) {
        return untilStored(users::onContactStatus);
    }
}
