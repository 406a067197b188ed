package io.tocsin.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tocsin.notifier.Fuzzing;
import io.tocsin.notifier.RequestRefused;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A signed Slack body of any shape is parsed into an interaction or refused with a 4xx problem: a body that passed
 * the signature check is still untrusted input (a leaked signing secret, a Slack change).
 */
class SlackInteractionsFuzzTest {

    @FuzzTest(maxDuration = Fuzzing.DURATION)
    void anySignedBodyIsParsedOrRefusedWithA4xx(FuzzedDataProvider data) {
        byte[] body = data.consumeBoolean()
                ? ("payload=" + URLEncoder.encode(data.consumeRemainingAsString(), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8)
                : data.consumeRemainingAsBytes();
        try {
            assertThat(SlackInteractions.payload(body)).isNotNull();
        } catch (RequestRefused refused) {
            assertThat(refused.status().is4xxClientError()).isTrue();
        }
    }
}
