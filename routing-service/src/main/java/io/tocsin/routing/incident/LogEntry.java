package io.tocsin.routing.incident;

import java.time.Instant;

/** One line of an incident's timeline. */
public record LogEntry(long id, Instant at, String event, String actor, String via, String message) {
}
