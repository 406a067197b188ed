package io.tocsin.notifier.delivery;

import java.time.Duration;

/** What a provider made of a send: accepted with its id, or refused, temporarily (retry) or for good. */
public sealed interface SendOutcome {

    /** {@code detail}: what the timeline should say of the send beyond "sent" (where a webhook went), or null. */
    record Sent(String providerId, String detail) implements SendOutcome {

        public Sent(String providerId) {
            this(providerId, null);
        }
    }

    /** A refusal; {@code retryAfter} is the provider's own word on when to try again (Retry-After), or null. */
    record Failed(boolean temporary, String reason, Duration retryAfter) implements SendOutcome {

        public Failed(boolean temporary, String reason) {
            this(temporary, reason, null);
        }
    }
}
