package io.tocsin.notifier.carrier;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.delivery.SendOutcome;
import java.util.Locale;

/** One provider's way of carrying pages of one channel, SMS or voice: Twilio's SMS, Vonage's calls. */
public interface PhoneProvider {

    /** As configured in TOCSIN_SMS_PROVIDERS and the routes: "twilio". */
    String name();

    /** SMS or VOICE. */
    Channel channel();

    /** Sends one page; never throws for the provider's refusal, reports it as a failed outcome with its fault. */
    SendOutcome send(NotificationRequested page);

    /** As the timeline names it: "Twilio". */
    default String label() {
        return name().substring(0, 1).toUpperCase(Locale.ROOT) + name().substring(1);
    }
}
