package io.tocsin.routing.incident;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** An incident holds its alerts: listed with their history, resolved on their own or with the incident. */
@RoutingIntegrationTest
class AlertsInIncidentsIntegrationTest {

    @Autowired
    OnCall onCall;
    @Autowired
    IncidentLifecycle lifecycle;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    MutableClock clock;
    @Autowired
    AdminApi api;

    @Test
    void anAlertIsListedWithItsHistoryAndResolvesItsIncidentWhenItIsItsOnlyOne() throws Exception {
        Service service = onCall.service(null);
        JsonNode settings = ok(api.call("GET", "/api/v1/services/" + service.id(), null), 200);
        assertThat(settings.path("alertGrouping").path("type").asString()).isEqualTo("NONE");
        assertThat(settings.path("resolveWhen").asString()).isEqualTo("ALL_ALERTS");
        assertThat(settings.path("stormGuard").isNull()).isTrue();

        apply(onCall.event(service, AlertAction.TRIGGER, "disk-db-1", "Disk full on db-1", Map.of("mount", "/var")));
        clock.advance(Duration.ofMinutes(1));
        apply(onCall.event(service, AlertAction.TRIGGER, "disk-db-1", "Disk still full on db-1", Map.of()));
        UUID incident = onCall.incidentId(service, "disk-db-1");

        JsonNode opened = ok(api.call("GET", "/api/v1/incidents/" + incident, null), 200);
        assertThat(opened.path("alertCount").asInt()).isEqualTo(1);
        JsonNode alert = onlyAlert(incident);
        assertThat(alert.path("dedupKey").asString()).isEqualTo("disk-db-1");
        assertThat(alert.path("summary").asString()).isEqualTo("Disk full on db-1");
        assertThat(alert.path("details").path("mount").asString()).isEqualTo("/var");
        assertThat(alert.path("triggerCount").asInt()).as("the repeat counts on the alert").isEqualTo(2);
        assertThat(alert.path("status").asString()).isEqualTo("TRIGGERED");

        apply(onCall.event(service, AlertAction.RESOLVE, "disk-db-1", null, Map.of()));
        assertThat(onlyAlert(incident).path("status").asString()).isEqualTo("RESOLVED");
        assertThat(onlyAlert(incident).path("resolvedBy").asString()).isEqualTo("monitor");
        assertThat(ok(api.call("GET", "/api/v1/incidents/" + incident, null), 200).path("status").asString())
                .isEqualTo(IncidentStatus.RESOLVED.name());

        // the key has no open alert any more: its next trigger is a new alert of a new incident
        apply(onCall.event(service, AlertAction.TRIGGER, "disk-db-1", "Disk full on db-1 again", Map.of()));
        assertThat(onCall.incidentIds(service, "disk-db-1")).hasSize(2);
        assertThat(onlyAlert(onCall.incidentId(service, "disk-db-1")).path("summary").asString())
                .isEqualTo("Disk full on db-1 again");
    }

    @Test
    void resolvingAnIncidentByHandResolvesItsAlerts() throws Exception {
        Service service = onCall.service(null);
        apply(onCall.event(service, AlertAction.TRIGGER, "load-web-1", "Load high on web-1", Map.of()));
        UUID incident = onCall.incidentId(service, "load-web-1");

        ok(api.call("POST", "/api/v1/incidents/" + incident + "/resolve", null), 200);

        assertThat(onlyAlert(incident).path("status").asString()).isEqualTo("RESOLVED");
        assertThat(onlyAlert(incident).path("resolvedBy").asString()).isEqualTo("api:admin");
        assertThat(api.call("GET", "/api/v1/incidents/" + UUID.randomUUID() + "/alerts", null).statusCode())
                .isEqualTo(404);
    }

    private void apply(AlertEvent alert) {
        transaction.executeWithoutResult(status -> {
            lifecycle.prepare(List.of(alert));
            lifecycle.onAlert(alert);
        });
    }

    private JsonNode onlyAlert(UUID incident) throws Exception {
        JsonNode alerts = ok(api.call("GET", "/api/v1/incidents/" + incident + "/alerts", null), 200).path("alerts");
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }
}
