package io.tocsin.routing.incident;

import static io.tocsin.routing.AdminApi.ok;
import static io.tocsin.routing.OnCall.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentChanged;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.Topics;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.TestKafka;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Incidents have short numbers people can say and type; every page and state change carries it. */
@RoutingIntegrationTest
class IncidentNumbersIntegrationTest {

    private static final Duration A_MOMENT = Duration.ofSeconds(30);

    @Autowired
    OnCall onCall;
    @Autowired
    AdminApi api;
    @Autowired
    Incidents incidents;

    @Test
    void incidentsAreNumberedInOrderAndPagesAndChangesCarryTheNumberSourceAndDetails() throws Exception {
        User ida = onCall.responder("Ida");
        onCall.pages(ida, Channel.SMS, "+12015550140", Duration.ZERO);
        Service service = onCall.service(onCall.policy(0, level(Duration.ofMinutes(5), ida)));
        try (var changes = TestKafka.record(Topics.INCIDENTS, IncidentChanged.class)) {
            onCall.alert(service, AlertAction.TRIGGER, "disk-full", "Disk full on db-1", Map.of("disk", "/var", "used", 97));
            UUID first = onCall.awaitIncident(service, "disk-full");
            onCall.trigger(service, "cpu-hot", "CPU hot on db-1");
            UUID second = onCall.awaitIncident(service, "cpu-hot");
            long number = incidents.find(first).orElseThrow().number();
            assertThat(incidents.find(second).orElseThrow().number()).isGreaterThan(number);

            await().atMost(A_MOMENT).untilAsserted(() -> assertThat(onCall.pagesFor(first)).singleElement().satisfies(page -> {
                        assertThat(page.incidentNumber()).isEqualTo(number);
                        assertThat(page.source()).isEqualTo("test-monitor");
                        assertThat(page.details()).containsEntry("disk", "/var").containsEntry("used", 97);
                    }));
            ok(api.call("POST", "/api/v1/incidents/" + number + "/acknowledge", null), 200);
            await().atMost(A_MOMENT).untilAsserted(() -> assertThat(changes.messages())
                    .filteredOn(change -> change.incidentId().equals(first))
                    .extracting(IncidentChanged::status, IncidentChanged::incidentNumber)
                    .containsExactly(tuple(IncidentStatus.TRIGGERED, number),
                            tuple(IncidentStatus.ACKNOWLEDGED, number)));

            JsonNode byNumber = ok(api.call("GET", "/api/v1/incidents/" + number, null), 200);
            assertThat(byNumber.path("id").asString()).isEqualTo(first.toString());
            assertThat(byNumber.path("number").asLong()).isEqualTo(number);
            JsonNode listed = ok(api.call("GET", "/api/v1/incidents?serviceId=" + service.id(), null), 200);
            assertThat(listed.path("incidents").valueStream()
                    .filter(listedIncident -> listedIncident.path("id").asString().equals(first.toString()))
                    .map(listedIncident -> listedIncident.path("number").asLong())).containsExactly(number);
            JsonNode timeline = ok(api.call("GET", "/api/v1/incidents/" + number + "/log", null), 200);
            assertThat(timeline.path("incidentId").asString()).isEqualTo(first.toString());
        }
        assertThat(ok(api.call("GET", "/api/v1/incidents/999999999", null), 404).path("detail").asString())
                .contains("No incident has number 999999999");
        assertThat(ok(api.call("GET", "/api/v1/incidents/db-1", null), 400).path("detail").asString())
                .contains("neither an incident id");
    }
}
