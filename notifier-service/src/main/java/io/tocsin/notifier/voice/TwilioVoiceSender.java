package io.tocsin.notifier.voice;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierProperties;
import io.tocsin.notifier.carrier.PhoneProvider;
import io.tocsin.notifier.delivery.SendOutcome;
import io.tocsin.notifier.twilio.TwilioFailures;
import io.tocsin.notifier.twilio.TwilioProperties;
import java.net.URI;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Pages by phone call through Twilio's Calls API. Twilio fetches what to say from {@link VoiceCalls} when the call
 * is answered and reports at the end whether anyone answered ({@code /webhooks/twilio/status}): busy, no answer and
 * failed calls are failed pages.
 */
@Component
@ConditionalOnProperty("tocsin.twilio.account-sid")
class TwilioVoiceSender implements PhoneProvider {

    /** Seconds a call rings before it counts as not answered; below most voicemail pick-up times. */
    static final int RING_SECONDS = 25;

    private final TwilioRestClient client;
    private final TwilioProperties properties;
    private final NotifierProperties notifier;

    TwilioVoiceSender(TwilioRestClient client, TwilioProperties properties, NotifierProperties notifier) {
        this.client = client;
        this.properties = properties;
        this.notifier = notifier;
    }

    @Override
    public String name() {
        return "twilio";
    }

    @Override
    public Channel channel() {
        return Channel.VOICE;
    }

    @Override
    public SendOutcome send(NotificationRequested n) {
        try {
            Call call = Call.creator(new PhoneNumber(n.address()), new PhoneNumber(properties.fromNumber()),
                            URI.create(VoiceCalls.url(notifier, n.id())))
                    .setTimeout(RING_SECONDS)
                    .setStatusCallback(notifier.url("/webhooks/twilio/status"))
                    // the ringing is the carrier's receipt: a call with no word by the failover timeout goes out another way
                    .setStatusCallbackEvent(List.of("initiated", "ringing", "answered", "completed"))
                    .create(client);
            return new SendOutcome.Sent(call.getSid());
        } catch (ApiConnectionException e) {
            return TwilioFailures.unreachable(e);
        } catch (ApiException e) {
            return TwilioFailures.refused(e);
        }
    }
}
