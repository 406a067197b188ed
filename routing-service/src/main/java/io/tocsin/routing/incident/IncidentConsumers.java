package io.tocsin.routing.incident;

import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.ContactStatusChanged;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.IncidentCommand;
import io.tocsin.routing.escalation.DeliveryReports;
import io.tocsin.routing.user.Users;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The topics routing consumes. Each message is handled in one database transaction that commits
 * before the binder commits the offset. While the database is unreachable a message is retried
 * until it is stored (an alert must not end up in a dead-letter topic because PostgreSQL restarted);
 * any other failure is retried a few times, then the message goes to a dead-letter topic.
 */
@Configuration(proxyBeanMethods = false)
class IncidentConsumers {

    private static final Logger log = LoggerFactory.getLogger(IncidentConsumers.class);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    @Bean
    Consumer<AlertEvent> alerts(IncidentLifecycle lifecycle) {
        return untilStored(lifecycle::onAlert);
    }

    @Bean
    Consumer<IncidentCommand> commands(IncidentLifecycle lifecycle) {
        return untilStored(lifecycle::onCommand);
    }

    @Bean
    Consumer<DeliveryReported> deliveries(DeliveryReports reports) {
        return untilStored(reports::onDelivery);
    }

    @Bean
    Consumer<ContactStatusChanged> contactStatus(Users users) {
        return untilStored(users::onContactStatus);
    }

    private static <T> Consumer<T> untilStored(Consumer<T> handler) {
        return message -> {
            Duration wait = Duration.ofSeconds(1);
            while (true) {
                try {
                    handler.accept(message);
                    return;
                } catch (DataAccessResourceFailureException | TransientDataAccessException
                        | CannotCreateTransactionException e) {
                    log.warn("database unavailable, retrying in {}: {}", wait, e.toString());
                    try {
                        Thread.sleep(wait);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                    wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
                }
            }
        };
    }
}
