package io.tocsin.notifier.delivery;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;

/** Delivers notifications of one channel through its provider. */
public interface ChannelSender {

    Channel channel();

    /** Sends one notification; never throws for a provider's refusal, reports it as a failed outcome. */
    SendOutcome send(NotificationRequested notification);
}
