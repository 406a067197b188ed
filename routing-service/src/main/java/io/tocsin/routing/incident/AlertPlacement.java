package io.tocsin.routing.incident;

import io.tocsin.contracts.AlertEvent;
import io.tocsin.routing.service.AlertGrouping;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.service.StormGuard;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Where a service's new alert goes (one whose dedup key has no open alert): into the open incident of its group, into
 * the service's raging storm, into a new storm incident, or into a new incident of its own. The decision alone, on
 * what the lifecycle looked up under the group's lock.
 */
sealed interface AlertPlacement {

    /** It joins this open incident: nobody is paged again. */
    record Join(Incident incident) implements AlertPlacement {
    }

    /** It opens the storm incident: the service's storm guard saw too many incidents open within its window. */
    record OpenStorm() implements AlertPlacement {
    }

    /** It opens an incident of its own, which collects the alerts of this group (null: none). */
    record Open(String groupKey) implements AlertPlacement {
    }

    /**
     * The decision. {@code groupIncident} is the newest open incident of the alert's group, {@code storm} the service's
     * raging storm incident; {@code openedInWindow} counts the incidents (storms left out) opened on the service within
     * its storm guard's window, asked only when it matters.
     */
    static AlertPlacement of(AlertEvent alert, Service service, Optional<Incident> groupIncident,
            Optional<Incident> storm, LongSupplier openedInWindow, Instant now) {
        AlertGrouping grouping = service.alertGrouping();
        Optional<String> groupKey = grouping.groupKey(alert);
        Optional<Incident> joinable = groupKey.flatMap(key -> groupIncident)
                .filter(incident -> incident.createdAt().plus(grouping.window()).isAfter(now));
        if (joinable.isPresent()) {
            return new Join(joinable.get());
        }
        StormGuard guard = service.stormGuard();
        if (guard != null && storm.isPresent()) {
            return new Join(storm.get());
        }
        if (guard != null && openedInWindow.getAsLong() >= guard.threshold()) {
            return new OpenStorm();
        }
        return new Open(groupKey.orElse(null));
    }

    /**
     * The name of the lock whoever places the service's new alert holds, if it needs one: the service's for a storm
     * guard or grouping by time (any new alert may change what the next one does), the group's for grouping by content.
     */
    static Optional<String> lockName(Service service, AlertEvent alert) {
        AlertGrouping grouping = service.alertGrouping();
        if (service.stormGuard() != null || grouping.type() == AlertGrouping.Type.TIME) {
            return Optional.of(service.id().toString());
        }
        return grouping.groupKey(alert).map(key -> service.id() + "\n" + key);
    }
}
