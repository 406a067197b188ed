package io.tocsin.contracts;

/** What a monitor asks of an incident; HEARTBEAT is a dead man's switch ping (no incident by itself). */
public enum AlertAction {
    TRIGGER, ACKNOWLEDGE, RESOLVE, HEARTBEAT
}
