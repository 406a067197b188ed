package io.tocsin.routing.incident;

/** Who changed an incident, and through what: "alice" via "SMS", "monitor" via "EVENTS_V2", "api:admin" (a token) or a token's user via "API". */
public record Actor(String name, String via) {
}
