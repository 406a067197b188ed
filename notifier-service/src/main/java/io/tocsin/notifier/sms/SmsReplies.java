package io.tocsin.notifier.sms;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Message;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's incoming-message webhook ({@code POST /webhooks/twilio/sms}; the signature is checked before this sees the
 * request): the reply is acted on ({@link SmsAnswers}) and answered by SMS in the webhook's TwiML answer.
 */
@RestController
@ConditionalOnProperty("tocsin.twilio.account-sid")
class SmsReplies {

    static final String PATH = "/webhooks/twilio/sms";

    private final SmsAnswers answers;

    SmsReplies(SmsAnswers answers) {
        this.answers = answers;
    }

    @PostMapping(PATH)
    ResponseEntity<String> reply(@RequestParam("From") String from, @RequestParam("MessageSid") String messageSid,
            @RequestParam(name = "Body", defaultValue = "") String body) {
        String text = answers.answer(from, messageSid, body);
        MessagingResponse.Builder response = new MessagingResponse.Builder();
        if (text != null) {
            response.message(new Message.Builder(text).build());
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(response.build().toXml());
    }
}
