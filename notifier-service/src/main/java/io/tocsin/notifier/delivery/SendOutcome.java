package io.tocsin.notifier.delivery;

import java.time.Duration;

/** What a provider made of a send: accepted with its id, or refused, temporarily (retry) or for good. */
public sealed interface SendOutcome {

    /**
     * {@code detail}: what the timeline should say of the send beyond "sent" (where a webhook went), or null;
     * {@code carried}: which SMS or voice provider took it, null for other channels.
     */
    record Sent(String providerId, String detail, Carried carried) implements SendOutcome {

        public Sent(String providerId) {
            this(providerId, null, null);
        }

        public Sent(String providerId, String detail) {
            this(providerId, detail, null);
        }
    }

    /**
     * The SMS or voice provider that took a page ({@code provider}, as configured: "vonage"; {@code label}, as the
     * timeline names it: "Vonage"), with what made the one
     * before it fail ({@code failedOver}, "Twilio failed (HTTP 503)", or null); {@code next}, the provider a later
     * failover would use (null: none); {@code receiptWithin}, how long its delivery receipt may take before the page
     * goes out through {@code next} (null: none awaited); {@code copyPossible}, whether a provider tried before may
     * have delivered it after all (it timed out): then this was the one extra copy allowed, and no failover follows.
     */
    record Carried(String provider, String label, String failedOver, String next, Duration receiptWithin,
            boolean copyPossible) {
    }

    /**
     * A refusal; {@code retryAfter} is the provider's own word on when to try again (Retry-After), or null;
     * {@code fault} whose the failure is: another provider may succeed where this one failed, unless it is the
     * recipient's.
     */
    record Failed(boolean temporary, String reason, Duration retryAfter, Fault fault) implements SendOutcome {

        public Failed(boolean temporary, String reason) {
            this(temporary, reason, null);
        }

        public Failed(boolean temporary, String reason, Duration retryAfter) {
            this(temporary, reason, retryAfter, temporary ? Fault.PROVIDER : Fault.RECIPIENT);
        }
    }

    /** Whose a failure is, for whether another provider is tried. */
    enum Fault {
        /** The address cannot take the page (invalid, opted out): another provider would fail alike. */
        RECIPIENT,
        /** The provider refused or failed without taking the page (5xx, throttled, account suspended). */
        PROVIDER,
        /** No answer came (a timeout, a broken connection): the provider may have taken the page after all. */
        NO_ANSWER
    }
}
