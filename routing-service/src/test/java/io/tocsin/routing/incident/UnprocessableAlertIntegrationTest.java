package io.tocsin.routing.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Topics;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.service.Services;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An alert routing cannot apply after its retries opens an incident saying so, with its payload, and pages. */
@RoutingIntegrationTest
class UnprocessableAlertIntegrationTest {

    @Autowired
    OnCall onCall;
    @Autowired
    Incidents incidents;

    @Test
    void anAlertPostgreSqlRefusesOpensAnIncidentOnItsServiceThatPages() {
        User user = onCall.responder("Nell");
        onCall.pages(user, Channel.SMS, "+12015550177", Duration.ZERO);
        Service service = onCall.service(onCall.policy(0, OnCall.level(Duration.ofMinutes(5), user)));
        // as an ingest that did not clean its values would publish it: PostgreSQL refuses NUL in text
        AlertEvent refused = new AlertEvent(UUID.randomUUID(), AlertEvent.SCHEMA_VERSION, AlertAction.TRIGGER,
                service.id(), UUID.randomUUID(), "EVENTS_V2", "backup\u0000db", "nul \u0000 here", Severity.CRITICAL,
                "db-1", Map.of(), "{\"summary\":\"nul \\u0000 here\"}", Instant.now(), Instant.now());
        TestKafka.send(Topics.ALERTS, service.id() + "/backup", refused);

        UUID incident = await().atMost(Duration.ofSeconds(60)).until(() -> onlyIncidentOf(service), Objects::nonNull);

        IncidentDetail detail = incidents.detail(incident).orElseThrow();
        assertThat(detail.incident().summary()).isEqualTo("An alert could not be processed: nul \uFFFD here");
        assertThat(detail.details()).containsEntry("dedupKey", "backup\uFFFDdb")
                .containsEntry("alertId", refused.id().toString());
        assertThat((String) detail.details().get("failure")).contains("0x00");
        assertThat(detail.rawPayload()).contains(refused.id().toString()).doesNotContain("\u0000");
        await().atMost(Duration.ofSeconds(30)).until(() -> !onCall.pagesFor(incident).isEmpty());
    }

    @Test
    void aRecordThatIsNoAlertOpensAnIncidentOnTheTocsinService() {
        String marker = "not an alert " + UUID.randomUUID();
        TestKafka.send(Topics.ALERTS, "garbage", marker);

        UUID incident = await().atMost(Duration.ofSeconds(60)).until(() -> incidentsOf(Services.TOCSIN_ID).stream()
                .filter(id -> incidents.detail(id).orElseThrow().rawPayload().contains(marker))
                .findFirst().orElse(null), Objects::nonNull);

        assertThat(incidents.find(incident).orElseThrow().summary()).isEqualTo("An alert could not be processed");
    }

    private UUID onlyIncidentOf(Service service) {
        return incidentsOf(service.id()).stream().findFirst().orElse(null);
    }

    private List<UUID> incidentsOf(UUID serviceId) {
        return incidents.list(new IncidentFilter(Set.of(), serviceId, null, null, null), 500).stream()
                .map(Incident::id).toList();
    }
}
