package io.tocsin.notifier.sms;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.delivery.ChannelSender;
import io.tocsin.notifier.delivery.PageText;
import io.tocsin.notifier.delivery.SendOutcome;
import io.tocsin.notifier.twilio.TwilioProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Pages by SMS through Twilio's Messages API. */
@Component
@ConditionalOnProperty("tocsin.twilio.account-sid")
class TwilioSmsSender implements ChannelSender {

    private final TwilioRestClient client;
    private final TwilioProperties properties;

    TwilioSmsSender(TwilioRestClient client, TwilioProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public SendOutcome send(NotificationRequested n) {
        try {
            Message message = Message.creator(new PhoneNumber(n.address()), new PhoneNumber(properties.fromNumber()),
                    PageText.of(n)).create(client);
            return new SendOutcome.Sent(message.getSid());
        } catch (ApiConnectionException e) {
            return new SendOutcome.Failed(true, "Twilio unreachable: " + e.getMessage());
        } catch (ApiException e) {
            Integer status = e.getStatusCode();
            boolean temporary = status == null || status == 429 || status >= 500;
            return new SendOutcome.Failed(temporary, "Twilio error " + e.getCode() + " (HTTP " + status + "): " + e.getMessage());
        }
    }
}
