package io.tocsin.notifier.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tocsin.notifier.Fuzzing;

/** Whatever a phone sends, the reply parser answers with what it understood, never an exception. */
class SmsReplyFuzzTest {

    @FuzzTest(maxDuration = Fuzzing.DURATION)
    void anySmsIsUnderstoodOrUnknown(FuzzedDataProvider data) {
        SmsReply reply = SmsReply.parse(data.consumeRemainingAsString());

        assertThat(reply).isNotNull();
        if (reply instanceof SmsReply.OnIncident onIncident) {
            assertThat(onIncident.number()).isNotNegative();
            assertThat(onIncident.action()).isNotNull();
        }
    }
}
