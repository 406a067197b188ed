package io.tocsin.routing.statuspage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A public status page: its address {@code /status/{slug}}, its title, and the services it shows, in order. */
public record StatusPage(UUID id, String slug, String title, List<UUID> serviceIds, Instant createdAt) {

    public StatusPage {
        serviceIds = List.copyOf(serviceIds);
    }
}
