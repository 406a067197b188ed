package io.tocsin.notifier.voice;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Say;
import io.tocsin.notifier.NotifierProperties;
import io.tocsin.notifier.voice.CallScripts.Script;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a Twilio paging call says and what its keys do ({@code POST /webhooks/twilio/voice?page=…}; the signature is
 * checked before this sees the request), as TwiML: the {@link CallScripts script} with a {@code <Gather>} of one key,
 * which comes back here.
 */
@RestController
@ConditionalOnProperty("tocsin.twilio.account-sid")
class VoiceCalls {

    static final String PATH = "/webhooks/twilio/voice";

    private final NotifierProperties notifier;
    private final CallScripts scripts;

    VoiceCalls(NotifierProperties notifier, CallScripts scripts) {
        this.notifier = notifier;
        this.scripts = scripts;
    }

    /** Where Twilio fetches the call's words and sends its key presses. */
    static String url(NotifierProperties notifier, UUID notificationId) {
        return notifier.url(PATH + "?page=" + notificationId);
    }

    @PostMapping(PATH)
    ResponseEntity<String> call(@RequestParam("page") UUID notificationId, @RequestParam("CallSid") String callSid,
            @RequestParam(name = "Digits", required = false) String digits) {
        Script script = scripts.answer(notificationId, callSid, digits);
        VoiceResponse.Builder response = new VoiceResponse.Builder();
        if (script.intro() != null) {
            response.say(say(script.intro()));
        }
        if (!script.prompts().isEmpty()) {
            Gather.Builder gather = new Gather.Builder()
                    .numDigits(1)
                    .timeout(CallScripts.KEY_SECONDS)
                    .action(url(notifier, notificationId))
                    .method(HttpMethod.POST);
            for (int i = 0; i < script.prompts().size(); i++) {
                if (i > 0) {
                    gather.pause(new Pause.Builder().length(1).build());
                }
                gather.say(say(script.prompts().get(i)));
            }
            response.gather(gather.build());
        }
        if (script.noKey() != null) {
            response.say(say(script.noKey()));
        }
        if (script.hangsUp()) {
            response.hangup(new Hangup.Builder().build());
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(response.build().toXml());
    }

    private static Say say(String text) {
        return new Say.Builder(text).language(Say.Language.EN_US).build();
    }
}
