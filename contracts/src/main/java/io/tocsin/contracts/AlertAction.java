package io.tocsin.contracts;

/** What a monitor asks of an incident. */
public enum AlertAction {
    TRIGGER, ACKNOWLEDGE, RESOLVE
}
