package io.tocsin.notifier.voice;

import com.vonage.client.VonageClient;
import com.vonage.client.VonageClientException;
import com.vonage.client.voice.Call;
import com.vonage.client.voice.CallEvent;
import com.vonage.client.voice.PhoneEndpoint;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierProperties;
import io.tocsin.notifier.carrier.PhoneProvider;
import io.tocsin.notifier.delivery.SendOutcome;
import io.tocsin.notifier.vonage.VonageFailures;
import io.tocsin.notifier.vonage.VonageProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Pages by phone call through Vonage's Voice API (its application's key signs the request). Vonage fetches what to
 * say from {@link VonageCalls} when the call is answered and reports its events to {@code /webhooks/vonage/voice/event}:
 * busy, unanswered and failed calls are failed pages.
 */
@Component
@ConditionalOnProperty({"tocsin.vonage.api-key", "tocsin.vonage.application-id"})
class VonageVoiceSender implements PhoneProvider {

    private final VonageClient client;
    private final VonageProperties properties;
    private final NotifierProperties notifier;

    VonageVoiceSender(VonageClient client, VonageProperties properties, NotifierProperties notifier) {
        this.client = client;
        this.properties = properties;
        this.notifier = notifier;
    }

    @Override
    public String name() {
        return "vonage";
    }

    @Override
    public Channel channel() {
        return Channel.VOICE;
    }

    @Override
    public SendOutcome send(NotificationRequested n) {
        try {
            CallEvent call = client.getVoiceClient().createCall(Call.builder()
                    .to(new PhoneEndpoint(VonageProperties.number(n.address())))
                    .from(VonageProperties.number(properties.from()))
                    .answerUrl(VonageCalls.url(notifier, VonageCalls.ANSWER_PATH, n.id()))
                    .eventUrl(notifier.url(VonageCalls.EVENT_PATH))
                    .ringingTimer(TwilioVoiceSender.RING_SECONDS)
                    .build());
            return new SendOutcome.Sent(call.getUuid());
        } catch (VonageClientException e) {
            return VonageFailures.failed(e);
        }
    }
}
