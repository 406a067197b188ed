package io.tocsin.routing.team;

import java.util.UUID;

/** A group of people that owns services, schedules and escalation policies. */
public record Team(UUID id, String name) {
}
