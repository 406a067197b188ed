package io.tocsin.notifier.voice;

import com.vonage.client.voice.TextToSpeechLanguage;
import com.vonage.client.voice.ncco.Action;
import com.vonage.client.voice.ncco.DtmfSettings;
import com.vonage.client.voice.ncco.EventMethod;
import com.vonage.client.voice.ncco.InputAction;
import com.vonage.client.voice.ncco.Ncco;
import com.vonage.client.voice.ncco.TalkAction;
import io.tocsin.notifier.NotifierProperties;
import io.tocsin.notifier.voice.CallScripts.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * What a Vonage paging call says and what its keys do, as NCCOs (the JWT is checked before this sees the request):
 * the {@link CallScripts script}'s words as talk actions, then an input action taking one key, whose result Vonage
 * posts to {@code /webhooks/vonage/voice/input}. A key that did not come (the input timed out) ends the call with the
 * script's goodbye.
 */
@RestController
@ConditionalOnProperty({"tocsin.vonage.api-key", "tocsin.vonage.application-id"})
class VonageCalls {

    static final String ANSWER_PATH = "/webhooks/vonage/voice/answer";
    static final String INPUT_PATH = "/webhooks/vonage/voice/input";
    static final String EVENT_PATH = "/webhooks/vonage/voice/event";

    private final NotifierProperties notifier;
    private final CallScripts scripts;

    VonageCalls(NotifierProperties notifier, CallScripts scripts) {
        this.notifier = notifier;
        this.scripts = scripts;
    }

    static String url(NotifierProperties notifier, String path, UUID notificationId) {
        return notifier.url(path + "?page=" + notificationId);
    }

    /** The call was answered: Vonage asks what to do, by GET (its default) or POST. */
    @RequestMapping(path = ANSWER_PATH, method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> answered(@RequestParam("page") UUID notificationId, @RequestParam("uuid") String uuid) {
        return ncco(notificationId, scripts.answer(notificationId, uuid, null));
    }

    /** The input action's result: the key pressed, or none before it timed out. */
    @PostMapping(INPUT_PATH)
    ResponseEntity<String> input(@RequestParam("page") UUID notificationId, @RequestBody JsonNode result) {
        String uuid = result.path("uuid").asString("");
        String digits = result.path("dtmf").path("digits").asString("");
        if (digits.isEmpty()) {
            String goodbye = scripts.answer(notificationId, uuid, null).noKey();
            return ncco(notificationId, new Script(goodbye, List.of(), null));
        }
        return ncco(notificationId, scripts.answer(notificationId, uuid, digits));
    }

    private ResponseEntity<String> ncco(UUID notificationId, Script script) {
        List<Action> actions = new ArrayList<>();
        if (script.intro() != null) {
            actions.add(talk(script.intro(), false));
        }
        if (!script.prompts().isEmpty()) {
            script.prompts().forEach(prompt -> actions.add(talk(prompt, true)));
            actions.add(InputAction.builder()
                    .dtmf(DtmfSettings.builder().maxDigits(1).timeOut(CallScripts.KEY_SECONDS).build())
                    .eventUrl(url(notifier, INPUT_PATH, notificationId))
                    .eventMethod(EventMethod.POST)
                    .build());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new Ncco(actions).toJson());
    }

    /** {@code bargeIn}: a key pressed while it is spoken stops it and goes to the input action. */
    private static TalkAction talk(String text, boolean bargeIn) {
        return TalkAction.builder(text).language(TextToSpeechLanguage.AMERICAN_ENGLISH).bargeIn(bargeIn).build();
    }
}
