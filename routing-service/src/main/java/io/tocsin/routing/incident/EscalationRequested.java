package io.tocsin.routing.incident;

import java.time.Instant;

/**
 * A responder passed a triggered incident on, in the transaction that started its new generation: whoever pages
 * pages the level after the current one now. Published synchronously, like {@link IncidentTriggered}.
 */
public record EscalationRequested(Incident incident, Instant at) {
}
