package io.tocsin.routing.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentCommand.CommandType;
import io.tocsin.contracts.Topics;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.incident.Incidents;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.TestKafka;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A message routing cannot read goes to the dead-letter topic and is counted; the messages after it still flow. */
@RoutingIntegrationTest
class PoisonMessageIntegrationTest {

    @Autowired
    OnCall onCall;
    @Autowired
    Incidents incidents;
    @Autowired
    MeterRegistry meters;

    @Test
    void aPoisonCommandIsDeadLetteredAndTheNextCommandIsStillApplied() {
        User user = onCall.responder("Ivy");
        onCall.pages(user, Channel.SMS, "+12015550113", Duration.ZERO);
        Service service = onCall.service(onCall.policy(0, OnCall.level(Duration.ofMinutes(5), user)));
        onCall.trigger(service, "poisoned", "Poisoned partition");
        UUID incident = await().atMost(Duration.ofSeconds(30))
                .until(() -> onCall.incidentId(service, "poisoned"), id -> id != null);

        try (var deadLetters = TestKafka.record("error." + Topics.COMMANDS + ".routing", Map.class)) {
            // same key as the real command after it, so both land on one partition, poison first
            TestKafka.send(Topics.COMMANDS, incident.toString(), Map.of("type", "NOT_A_COMMAND", "incidentId", "x"));
            onCall.command(incident, CommandType.ACKNOWLEDGE, user, Channel.SMS);

            // the topic's dead letters from its beginning: other tests' too
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.messages().stream()
                    .anyMatch(deadLetter -> "NOT_A_COMMAND".equals(deadLetter.get("type"))));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> onCall.timeline(incident).contains("ACKNOWLEDGED"));
        assertThat(meters.get("tocsin.messages.dead.lettered").tag("topic", Topics.COMMANDS).counter().count())
                .isGreaterThanOrEqualTo(1);
    }
}
