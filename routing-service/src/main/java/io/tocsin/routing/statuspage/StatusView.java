package io.tocsin.routing.statuspage;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** A status page as its readers see it at {@code asOf}: each service's state, and the latest updates, newest first. */
public record StatusView(StatusPage page, List<ServiceStatus> services, List<StatusUpdate> updates, Instant asOf) {

    /** One service's name and state. */
    public record ServiceStatus(String name, ServiceState state) {
    }

    /** The worst state of any service: what the banner says. */
    public ServiceState overall() {
        return services.stream().map(ServiceStatus::state).max(Comparator.naturalOrder())
                .orElse(ServiceState.OPERATIONAL);
    }
}
