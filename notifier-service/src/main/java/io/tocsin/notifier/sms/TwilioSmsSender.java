package io.tocsin.notifier.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierProperties;
import io.tocsin.notifier.carrier.PhoneProvider;
import io.tocsin.notifier.delivery.SendOutcome;
import io.tocsin.notifier.twilio.TwilioFailures;
import io.tocsin.notifier.twilio.TwilioProperties;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Pages by SMS through Twilio's Messages API, with the codes to reply with; Twilio reports later whether it was
 * delivered ({@code /webhooks/twilio/status}). A number that answered STOP is not sent to.
 */
@Component
@ConditionalOnProperty("tocsin.twilio.account-sid")
class TwilioSmsSender implements PhoneProvider {

    private final TwilioRestClient client;
    private final TwilioProperties properties;
    private final NotifierProperties notifier;
    private final SmsOptOuts optOuts;

    TwilioSmsSender(TwilioRestClient client, TwilioProperties properties, NotifierProperties notifier,
            SmsOptOuts optOuts) {
        this.client = client;
        this.properties = properties;
        this.notifier = notifier;
        this.optOuts = optOuts;
    }

    @Override
    public String name() {
        return "twilio";
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public SendOutcome send(NotificationRequested n) {
        Optional<SendOutcome.Failed> optedOut = optOuts.refusal(n.address(), properties.fromNumber());
        if (optedOut.isPresent()) {
            return optedOut.get();
        }
        try {
            Message message = Message.creator(new PhoneNumber(n.address()), new PhoneNumber(properties.fromNumber()),
                            SmsText.of(n, notifier))
                    .setStatusCallback(notifier.url("/webhooks/twilio/status"))
                    .create(client);
            return new SendOutcome.Sent(message.getSid());
        } catch (ApiConnectionException e) {
            return TwilioFailures.unreachable(e);
        } catch (ApiException e) {
            return TwilioFailures.refused(e);
        }
    }
}
