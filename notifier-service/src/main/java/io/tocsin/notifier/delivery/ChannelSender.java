package io.tocsin.notifier.delivery;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;

/** Delivers notifications of one channel through its provider. */
public interface ChannelSender {

    Channel channel();

    /** Sends one notification; never throws for a provider's refusal, reports it as a failed outcome. */
    SendOutcome send(NotificationRequested notification);

    /**
     * Sends a notification again after {@code failedProvider} accepted it but did not deliver it: through another of
     * the channel's providers where it has several ({@link SendOutcome.Carried}).
     */
    default SendOutcome resend(NotificationRequested notification, String failedProvider) {
        return send(notification);
    }

    /** Whether the channel has what it needs to send here; if not, its pages are printed on the console instead. */
    default boolean configured() {
        return true;
    }
}
