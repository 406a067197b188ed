package io.tocsin.ingest.intake;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.Severity;
import java.time.Instant;
import java.util.Map;

/**
 * How uptime monitors' state changes become alerts, the same for every monitoring tool: down triggers and up
 * resolves the incident keyed {@code <tool>/monitor/<monitor id>}, so each monitor has one incident at a time.
 */
public final class MonitorAlerts {

    private MonitorAlerts() {
    }

    /** Whether the monitor went down or came back up. */
    public enum State {
        DOWN, UP
    }

    /**
     * @param tool the monitoring tool, part of the dedup key
     * @param monitorId the tool's id of the monitor: stable across renames
     * @param name the monitor's name for the summary
     * @param reason what the tool says went wrong, may be null
     */
    public static Alert of(String tool, String monitorId, State state, String name, String reason, Severity severity,
            String source, Map<String, Object> details, Instant occurredAt) {
        String summary = name + " is " + state + (reason == null || reason.isBlank() ? "" : ": " + reason);
        return new Alert(state == State.DOWN ? AlertAction.TRIGGER : AlertAction.RESOLVE,
                AlertValues.dedupKey(tool, "monitor", monitorId), AlertValues.summary(summary),
                severity, source, details, occurredAt);
    }
}
