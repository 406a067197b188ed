package io.tocsin.contracts;

/** The lifecycle of an incident. */
public enum IncidentStatus {
    TRIGGERED, ACKNOWLEDGED, RESOLVED
}
