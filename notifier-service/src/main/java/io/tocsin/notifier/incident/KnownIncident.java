package io.tocsin.notifier.incident;

import io.tocsin.contracts.IncidentStatus;
import java.util.UUID;

/**
 * An incident the notifier paged about, as far as it knows: its "#12", what it is about, and its last state with who
 * changed it and how ("Alice", "SMS"). {@code number} is null for pages from before incidents had numbers;
 * {@code alertCount} null until routing said how many alerts it holds.
 */
public record KnownIncident(UUID id, Long number, String serviceName, String summary, String severity,
        IncidentStatus status, String changedBy, String changedVia, Integer alertCount) {

    /** What it was known as before incidents counted their alerts. */
    public KnownIncident(UUID id, Long number, String serviceName, String summary, String severity,
            IncidentStatus status, String changedBy, String changedVia) {
        this(id, number, serviceName, summary, severity, status, changedBy, changedVia, null);
    }

    /** Whether it holds more than one alert, so that messages about it should say how many. */
    public boolean grouped() {
        return alertCount != null && alertCount > 1;
    }

    /** How people name the incident: "#12", or the first digits of its id when it has no number. */
    public String label() {
        return number == null ? id.toString().substring(0, 8) : "#" + number;
    }

    public boolean isOpen() {
        return status != IncidentStatus.RESOLVED;
    }
}
