package io.tocsin.routing.rule;

import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.Urgency;

/**
 * An alert as its integration's event rules left it: perhaps on another service, with another dedup key or severity
 * ({@code alert}); {@code urgency} the incident's instead of the service's (null: the service's); {@code suppressedBy}
 * the rule that keeps its incident from paging anyone (null: none).
 */
public record RuledAlert(AlertEvent alert, Urgency urgency, String suppressedBy) {

    /** An alert no rule changed. */
    public static RuledAlert asSent(AlertEvent alert) {
        return new RuledAlert(alert, null, null);
    }
}
