package io.tocsin.routing.statuspage;

/**
 * How a status page shows a service, from its open incidents (suppressed ones, raised in maintenance, do not count):
 * an open HIGH-urgency incident (triggered or acknowledged) is an outage, open LOW-urgency ones only a degradation.
 */
public enum ServiceState {
    OPERATIONAL("Operational"), DEGRADED("Degraded performance"), OUTAGE("Outage");

    private final String words;

    ServiceState(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    static ServiceState of(long openHighUrgency, long open) {
        return openHighUrgency > 0 ? OUTAGE : open > 0 ? DEGRADED : OPERATIONAL;
    }
}
