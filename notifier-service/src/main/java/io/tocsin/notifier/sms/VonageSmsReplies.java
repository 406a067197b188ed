package io.tocsin.notifier.sms;

import io.tocsin.notifier.delivery.Redact;
import io.tocsin.notifier.delivery.SendOutcome;
import io.tocsin.notifier.vonage.VonageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Vonage's inbound-message webhook ({@code /webhooks/vonage/sms}, by GET or POST as the number is set up; the
 * signature is checked before this sees the request): the reply is acted on ({@link SmsAnswers}) and answered by an
 * SMS sent through Vonage, which has no inline answer.
 */
@RestController
@ConditionalOnProperty("tocsin.vonage.api-key")
class VonageSmsReplies {

    static final String PATH = "/webhooks/vonage/sms";
    private static final Logger log = LoggerFactory.getLogger(VonageSmsReplies.class);

    private final SmsAnswers answers;
    private final VonageSmsSender sender;

    VonageSmsReplies(SmsAnswers answers, VonageSmsSender sender) {
        this.answers = answers;
        this.sender = sender;
    }

    @RequestMapping(path = PATH, method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Void> reply(@RequestParam("msisdn") String msisdn, @RequestParam("messageId") String messageId,
            @RequestParam(name = "text", defaultValue = "") String text) {
        String from = VonageProperties.e164(msisdn);
        String answer = answers.answer(from, messageId, text);
        if (answer != null && sender.text(from, answer) instanceof SendOutcome.Failed failed) {
            log.warn("sms reply message={} from={}: the answer was not sent: {}", messageId, Redact.address(from),
                    failed.reason());
        }
        // Vonage sends the message again unless it gets a 200 or 204
        return ResponseEntity.noContent().build();
    }
}
