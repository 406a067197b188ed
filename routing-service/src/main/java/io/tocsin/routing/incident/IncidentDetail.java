package io.tocsin.routing.incident;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Map;

/** An incident with what its monitor sent: the normalized details and the original payload (size-capped). */
public record IncidentDetail(@JsonUnwrapped Incident incident, Map<String, Object> details, String rawPayload) {
}
