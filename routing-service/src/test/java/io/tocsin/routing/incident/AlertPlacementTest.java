package io.tocsin.routing.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.service.AlertGrouping;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.service.Service.ResolveWhen;
import io.tocsin.routing.service.StormGuard;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The grouping decision: alerts arriving one after the other, as the lifecycle places them under their group's lock
 * (each sees the incidents the ones before it opened), whatever their order and spacing.
 */
class AlertPlacementTest {

    private static final Instant START = Instant.parse("2026-12-05T09:00:00Z");
    private static final UUID SERVICE = UUID.randomUUID();

    @Test
    void anAlertJoinsAnIncidentOpenedLessThanTheWindowAgoAndOpensANewOneAtTheWindowsEnd() {
        Service service = service(new AlertGrouping(AlertGrouping.Type.TIME, Duration.ofMinutes(5), null), null);

        List<Integer> incidentOf = place(service, List.of(arrival(0, "a"), arrival(299_999, "b"),
                arrival(300_000, "c"), arrival(300_001, "d")));

        assertThat(incidentOf).containsExactly(0, 0, 1, 1);
    }

    @Test
    void contentGroupingJoinsOnlyAlertsWithTheSameValuesOfItsFields() {
        Service service = service(new AlertGrouping(AlertGrouping.Type.CONTENT, Duration.ofHours(1),
                List.of("labels.cluster", "source")), null);

        List<Integer> incidentOf = place(service, List.of(arrival(0, "eu-1", "db"), arrival(1, "eu-2", "db"),
                arrival(2, "eu-1", "db"), arrival(3, "eu-1", "web"), arrival(4, "eu-2", "db"),
                arrival(5, null, "db"), arrival(6, null, "db")));

        assertThat(incidentOf).containsExactly(0, 1, 0, 2, 1, 3, 3);
    }

    @Test
    void withoutGroupingEveryAlertIsItsOwnIncident() {
        List<Integer> incidentOf = place(service(AlertGrouping.NONE, null), List.of(arrival(0, "eu-1", "db"),
                arrival(0, "eu-1", "db")));

        assertThat(incidentOf).containsExactly(0, 1);
    }

    /** Whatever the spacing of arrivals: a joined incident opened less than the window before; a new one no sooner. */
    @Property
    void timeGroupingJoinsWithinTheWindowAndOnlyThere(@ForAll @Size(min = 1, max = 60) List<@IntRange(max = 600_000) Integer> gapsMillis,
            @ForAll @IntRange(min = 1, max = 600) int windowSeconds) {
        Duration window = Duration.ofSeconds(windowSeconds);
        Service service = service(new AlertGrouping(AlertGrouping.Type.TIME, window, null), null);
        List<Arrival> arrivals = new ArrayList<>();
        long at = 0;
        for (int gap : gapsMillis) {
            at += gap;
            arrivals.add(arrival(at, "x"));
        }

        List<Integer> incidentOf = place(service, arrivals);

        Map<Integer, Instant> opened = new HashMap<>();
        for (int i = 0; i < arrivals.size(); i++) {
            Instant arrived = arrivals.get(i).at();
            Instant openedAt = opened.computeIfAbsent(incidentOf.get(i), incident -> arrived);
            assertThat(openedAt.plus(window)).as("alert %d joined within the window", i).isAfter(arrived);
            if (i > 0 && !incidentOf.get(i).equals(incidentOf.get(i - 1))) {
                assertThat(opened.get(incidentOf.get(i - 1)).plus(window)).as("alert %d opened a new incident", i)
                        .isBeforeOrEqualTo(arrived);
            }
        }
    }

    /** However many distinct alerts come at once, at most the threshold of incidents and one storm open. */
    @Property
    void aStormOpensAtMostThresholdIncidentsAndOneStorm(@ForAll @IntRange(min = 1, max = 300) int alerts,
            @ForAll @IntRange(min = 1, max = 30) int threshold) {
        Service service = service(AlertGrouping.NONE, new StormGuard(threshold, Duration.ofMinutes(2)));
        List<Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < alerts; i++) {
            arrivals.add(arrival(i * 30L, "host-" + i));
        }

        List<Integer> incidentOf = place(service, arrivals);

        assertThat(incidentOf.stream().distinct().count()).isEqualTo(Math.min(alerts, threshold + 1));
        if (alerts > threshold) {
            assertThat(incidentOf.subList(threshold, alerts)).as("every alert after the threshold in the storm")
                    .allMatch(incident -> incident == threshold);
        }
    }

    private record Arrival(Instant at, String cluster, String source) {
    }

    private static Arrival arrival(long millis, String cluster) {
        return arrival(millis, cluster, "db-1");
    }

    private static Arrival arrival(long millis, String cluster, String source) {
        return new Arrival(START.plusMillis(millis), cluster, source);
    }

    /**
     * Places each alert in turn as the lifecycle does, the incidents it opened being what the next one sees; the
     * number of the incident (in the order they opened) each alert went to.
     */
    private static List<Integer> place(Service service, List<Arrival> arrivals) {
        List<Incident> counted = new ArrayList<>();
        Map<String, Incident> newestOfGroup = new HashMap<>();
        Optional<Incident> storm = Optional.empty();
        List<Integer> incidentOf = new ArrayList<>();
        for (Arrival arrival : arrivals) {
            AlertEvent alert = alert(arrival);
            Optional<Incident> group = service.alertGrouping().groupKey(alert).map(newestOfGroup::get);
            Instant since = service.stormGuard() == null ? arrival.at()
                    : arrival.at().minus(service.stormGuard().window());
            long inWindow = counted.stream().filter(incident -> incident.createdAt().isAfter(since)).count();
            int next = counted.size() + storm.stream().mapToInt(incident -> 1).sum();
            switch (AlertPlacement.of(alert, service, group, storm, () -> inWindow, arrival.at())) {
                case AlertPlacement.Join join -> incidentOf.add(join.incident().escalationLevel());
                case AlertPlacement.OpenStorm openStorm -> {
                    storm = Optional.of(incident(next, arrival.at()));
                    incidentOf.add(next);
                }
                case AlertPlacement.Open open -> {
                    Incident incident = incident(next, arrival.at());
                    incidentOf.add(next);
                    counted.add(incident);
                    if (open.groupKey() != null) {
                        newestOfGroup.put(open.groupKey(), incident);
                    }
                }
            }
        }
        return incidentOf;
    }

    private static AlertEvent alert(Arrival arrival) {
        Map<String, Object> labels = new HashMap<>();
        if (arrival.cluster() != null) {
            labels.put("cluster", arrival.cluster());
        }
        return new AlertEvent(UUID.randomUUID(), AlertEvent.SCHEMA_VERSION, AlertAction.TRIGGER, SERVICE,
                UUID.randomUUID(), "ALERTMANAGER", UUID.randomUUID().toString(), "alert", Severity.ERROR,
                arrival.source(), Map.of("labels", labels), null, arrival.at(), arrival.at());
    }

    /** An open incident, numbered by its escalation level (what the decision never reads) to tell them apart. */
    private static Incident incident(int number, Instant createdAt) {
        return new Incident(UUID.randomUUID(), number, SERVICE, "key", IncidentStatus.TRIGGERED, Urgency.HIGH, "s",
                null, null, 1, false, createdAt, createdAt, null, null, null, null, number, 0, 0);
    }

    private static Service service(AlertGrouping grouping, StormGuard guard) {
        return new Service(SERVICE, "checkout", null, Urgency.HIGH, null, null, null, grouping,
                ResolveWhen.ALL_ALERTS, guard);
    }
}
