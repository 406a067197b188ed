package io.tocsin.notifier.sms;

import com.vonage.client.VonageClient;
import com.vonage.client.VonageClientException;
import com.vonage.client.sms.MessageStatus;
import com.vonage.client.sms.SmsSubmissionResponseMessage;
import com.vonage.client.sms.messages.TextMessage;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierProperties;
import io.tocsin.notifier.carrier.PhoneProvider;
import io.tocsin.notifier.delivery.SendOutcome;
import io.tocsin.notifier.vonage.VonageFailures;
import io.tocsin.notifier.vonage.VonageProperties;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Pages by SMS through Vonage's SMS API, with the same reply codes as any SMS page; Vonage's delivery receipt comes
 * later ({@code /webhooks/vonage/status}). A number that answered STOP is not sent to. A page longer than one SMS goes
 * as several parts, which the phone joins.
 */
@Component
@ConditionalOnProperty("tocsin.vonage.api-key")
class VonageSmsSender implements PhoneProvider {

    private final VonageClient client;
    private final VonageProperties properties;
    private final NotifierProperties notifier;
    private final SmsOptOuts optOuts;

    VonageSmsSender(VonageClient client, VonageProperties properties, NotifierProperties notifier,
            SmsOptOuts optOuts) {
        this.client = client;
        this.properties = properties;
        this.notifier = notifier;
        this.optOuts = optOuts;
    }

    @Override
    public String name() {
        return "vonage";
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public SendOutcome send(NotificationRequested n) {
        Optional<SendOutcome.Failed> optedOut = optOuts.refusal(n.address(), properties.from());
        if (optedOut.isPresent()) {
            return optedOut.get();
        }
        return text(n.address(), SmsText.of(n, notifier));
    }

    /** Sends one SMS of Tocsin's to the number: a page, or the answer to a reply. */
    SendOutcome text(String to, String body) {
        TextMessage message = new TextMessage(VonageProperties.number(properties.from()), VonageProperties.number(to),
                body, !body.chars().allMatch(c -> c < 128));
        message.setStatusReportRequired(true);
        message.setCallbackUrl(notifier.url("/webhooks/vonage/status"));
        try {
            // a long page is sent in parts: the first part's id is the one its receipt names
            SmsSubmissionResponseMessage first = client.getSmsClient().submitMessage(message).getMessages().getFirst();
            return first.getStatus() == MessageStatus.OK ? new SendOutcome.Sent(first.getId())
                    : VonageFailures.refused(first);
        } catch (VonageClientException e) {
            return VonageFailures.failed(e);
        }
    }
}
