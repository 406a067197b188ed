package io.tocsin.notifier.incident;

import io.tocsin.contracts.IncidentChanged;
import io.tocsin.notifier.poll.Polls;
import io.tocsin.notifier.poll.Polls.Read;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes tocsin.incidents.v1 a poll at a time: records the poll's changes in one transaction, then hands each to
 * whoever in the notifier reacts to incidents changing (as a Spring event, e.g. to update a posted Slack message).
 */
@Configuration(proxyBeanMethods = false)
class IncidentChangeConsumer {

    @Bean
    Consumer<Message<List<byte[]>>> incidentChanges(Polls polls, KnownIncidents incidents,
            ApplicationEventPublisher events, JsonMapper json) {
        return polls.consumer("incidentChanges", "notifier", new Polls.Poll<IncidentChanged, List<Read<IncidentChanged>>>() {

            @Override
            public IncidentChanged read(byte[] bytes) {
                IncidentChanged change = json.readValue(bytes, IncidentChanged.class);
                if (change.incidentId() == null || change.status() == null || change.at() == null) {
                    throw new IllegalArgumentException("an incident change without its incident, status or time");
                }
                return change;
            }

            @Override
            public List<Read<IncidentChanged>> store(List<Read<IncidentChanged>> changes) {
                incidents.changed(changes.stream().map(Read::value).toList());
                return changes;
            }

            @Override
            public void stored(List<Read<IncidentChanged>> changes) {
                changes.forEach(change -> polls.inTrace(change, () -> events.publishEvent(change.value())));
            }
        });
    }
}
