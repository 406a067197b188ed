package io.tocsin.routing.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.IntegrationSettings;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.SecretHash;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.incident.Incidents;
import io.tocsin.routing.service.Integrations;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A dead man's switch for a cron job that should ping every five minutes. */
@RoutingIntegrationTest
class HeartbeatIntegrationTest {

    private static final Duration A_MOMENT = Duration.ofSeconds(30);

    @Autowired
    OnCall onCall;
    @Autowired
    Integrations integrations;
    @Autowired
    Incidents incidents;
    @Autowired
    MutableClock clock;

    @Test
    void silenceRaisesAnIncidentAPingResolvesItAndPingsInTimeKeepItQuiet() {
        User oncall = onCall.responder("Judy");
        onCall.pages(oncall, Channel.SMS, "+12015550114", Duration.ZERO);
        Service backups = onCall.service(onCall.policy(0, OnCall.level(Duration.ofMinutes(10), oncall)));
        UUID cron = integrations.create(backups.id(), IntegrationType.HEARTBEAT, "nightly backup",
                Map.of(IntegrationSettings.HEARTBEAT_INTERVAL, "PT5M"), SecretHash.generate()).id();
        String dedupKey = Heartbeats.dedupKey(cron);

        // it never pings: five minutes on, someone is paged
        clock.advance(Duration.ofMinutes(5));
        UUID silent = await().atMost(A_MOMENT).until(() -> onCall.incidentId(backups, dedupKey), id -> id != null);
        assertThat(incidents.find(silent).orElseThrow().summary()).contains("No heartbeat from nightly backup");
        await().atMost(A_MOMENT).until(() -> onCall.timeline(silent).contains("NOTIFICATION_QUEUED"));

        // it pings: the incident resolves
        onCall.ping(backups, cron);
        await().atMost(A_MOMENT).until(() -> incidents.find(silent).orElseThrow().status() == IncidentStatus.RESOLVED);

        // pings every four minutes keep it quiet
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(4));
            onCall.ping(backups, cron);
            await().atMost(A_MOMENT).until(() -> onCall.lastEventAt(cron).equals(clock.instant()));
        }
        assertThat(onCall.incidentIds(backups, dedupKey)).containsExactly(silent);

        // then it stops: a new incident
        clock.advance(Duration.ofMinutes(6));
        await().atMost(A_MOMENT).until(() -> onCall.incidentIds(backups, dedupKey).size() == 2);
    }
}
