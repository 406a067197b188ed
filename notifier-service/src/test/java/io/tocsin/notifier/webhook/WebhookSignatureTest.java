package io.tocsin.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsTheTimeAndTheRawBodyWithHmacSha256() {
        byte[] body = "{\"event\":\"incident.triggered\"}".getBytes(StandardCharsets.UTF_8);

        // as computed by Python: hmac.new(b"whsec-test", b"1700000000." + body, hashlib.sha256).hexdigest()
        assertThat(WebhookSignature.header("whsec-test", 1_700_000_000L, body)).isEqualTo(
                "t=1700000000,v1=79f55f04f95fa5200811ceee16d5b55246b589f6b41b42f26ed5df347acfe92c");
    }
}
