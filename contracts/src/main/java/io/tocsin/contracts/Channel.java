package io.tocsin.contracts;

/**
 * The ways Tocsin reaches a person; CONSOLE prints the page to the notifier's standard output, WEBHOOK posts the
 * incident as signed JSON to a URL, PUSH publishes it to an ntfy topic (phones subscribed to it ring).
 */
public enum Channel {
    CONSOLE, SMS, VOICE, EMAIL, SLACK, WEBHOOK, PUSH
}
