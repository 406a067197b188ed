package io.tocsin.contracts;

/** Whether an incident pages through users' high- or low-urgency notification rules. */
public enum Urgency {
    HIGH, LOW
}
