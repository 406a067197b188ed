package io.tocsin.routing.incident;

import java.util.UUID;

/** No incident has this id. */
public class IncidentNotFound extends RuntimeException {

    public IncidentNotFound(UUID id) {
        super("No incident has id " + id);
    }
}
