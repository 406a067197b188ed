package io.tocsin.notifier.delivery;

/** What a provider made of a send: accepted with its id, or refused, temporarily (retry) or for good. */
public sealed interface SendOutcome {

    record Sent(String providerId) implements SendOutcome {
    }

    record Failed(boolean temporary, String reason) implements SendOutcome {
    }
}
