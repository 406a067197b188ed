package io.tocsin.notifier.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tocsin.notifier.Fuzzing;
import io.tocsin.notifier.NotifierIntegrationTestBase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Twilio's form posts with fuzzed fields, correctly signed so they reach the controllers: status callbacks, a call's
 * key presses and incoming SMS are answered (2xx, or a 4xx saying what is wrong), never with a 500.
 */
class TwilioWebhooksFuzzTest extends NotifierIntegrationTestBase {

    private static final String[] PATHS = {"/webhooks/twilio/status", "/webhooks/twilio/voice",
            "/webhooks/twilio/sms"};
    private static final String[] FIELDS = {"MessageSid", "MessageStatus", "CallSid", "CallStatus", "ErrorCode",
            "Digits", "From", "To", "Body", "AccountSid"};

    @FuzzTest(maxDuration = Fuzzing.DURATION)
    void anySignedFormIsAnsweredWithoutAServerError(FuzzedDataProvider data) {
        String path = data.pickValue(PATHS);
        String pathAndQuery = path.endsWith("voice")
                ? path + "?page=" + (data.consumeBoolean() ? UUID.randomUUID().toString()
                        : URLEncoder.encode(data.consumeString(40), StandardCharsets.UTF_8))
                : path;
        Map<String, String> form = new LinkedHashMap<>();
        int fields = data.consumeInt(0, 6);
        for (int i = 0; i < fields; i++) {
            form.put(data.consumeBoolean() ? data.pickValue(FIELDS) : data.consumeString(20), data.consumeString(80));
        }
        int status = twilioWebhook(pathAndQuery, form).statusCode();

        assertThat(status).as("%s %s", pathAndQuery, form).isLessThan(500);
    }
}
