package io.tocsin.routing.incident;

import io.tocsin.routing.api.NotFound;
import java.util.UUID;

/** No incident has this id. */
public class IncidentNotFound extends NotFound {

    public IncidentNotFound(UUID id) {
        super("No incident has id " + id);
    }
}
