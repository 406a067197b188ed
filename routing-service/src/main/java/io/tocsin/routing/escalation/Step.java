package io.tocsin.routing.escalation;

/** One step of an incident's escalation: a level of its policy, in a repeat ({@code round}) of a generation. */
record Step(int generation, int level, int round) {
}
