package io.tocsin.notifier.incident;

import static io.tocsin.messaging.UntilStored.untilStored;

import io.tocsin.contracts.IncidentChanged;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Consumes tocsin.incidents.v1: records each change, then hands it to whoever in the notifier reacts to incidents
 * changing (as a Spring event, e.g. to update a posted Slack message).
 */
@Configuration(proxyBeanMethods = false)
class IncidentChangeConsumer {

    @Bean
    Consumer<IncidentChanged> incidentChanges(KnownIncidents incidents, ApplicationEventPublisher events) {
        return untilStored(change -> {
            incidents.changed(change);
            events.publishEvent(change);
        });
    }
}
