package io.tocsin.contracts;

/**
 * The ways Tocsin reaches a person; CONSOLE prints the page to the notifier's standard output, WEBHOOK posts the
 * incident as signed JSON to a URL.
 */
public enum Channel {
    CONSOLE, SMS, VOICE, EMAIL, SLACK, WEBHOOK
}
