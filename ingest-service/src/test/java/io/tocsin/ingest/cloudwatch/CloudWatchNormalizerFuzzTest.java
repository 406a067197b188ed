package io.tocsin.ingest.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tocsin.contracts.IntegrationSettings;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.intake.Fixtures;
import io.tocsin.ingest.intake.FuzzedRequests;
import io.tocsin.ingest.intake.InvalidPayload;
import io.tocsin.ingest.intake.Payload;
import io.tocsin.ingest.intake.Reason;
import io.tocsin.ingest.intake.Rejected;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.json.JsonMapper;

/**
 * SNS messages from the fuzzer: forged ones (whatever their URLs, nothing but a genuine SNS host is ever fetched),
 * genuinely signed ones carrying a fuzzed alarm, and bare URLs through the host check.
 */
class CloudWatchNormalizerFuzzTest {

    private static LocalSns sns;
    private static CloudWatchNormalizer normalizer;

    @BeforeAll
    static void startSns() {
        sns = new LocalSns();
        SnsHttp onlyGenuine = url -> {
            assertGenuine(url);
            return sns.http().get(url);
        };
        normalizer = new CloudWatchNormalizer(new SnsMessages(onlyGenuine, Clock.systemUTC()), onlyGenuine,
                JsonMapper.shared());
    }

    @AfterAll
    static void stopSns() {
        sns.close();
    }

    @FuzzTest(maxDuration = FuzzedRequests.FUZZ_DURATION)
    void anySnsRequestIsRefusedWithAReasonAndFetchesOnlyFromSns(FuzzedDataProvider data) {
        FuzzedRequests.normalize(normalizer, Fixtures.integration(IntegrationType.CLOUDWATCH,
                data.consumeBoolean() ? Map.of(IntegrationSettings.CLOUDWATCH_TOPIC_ARNS, data.consumeString(80))
                        : Map.of()), data);
    }

    @FuzzTest(maxDuration = FuzzedRequests.FUZZ_DURATION)
    void aSignedNotificationWithAnyAlarmIsAcceptedOrRefusedWithAReason(FuzzedDataProvider data) {
        String message = sns.notification(data.consumeRemainingAsString(), "2");
        try {
            normalizer.normalize(Payload.ofJson(message, JsonMapper.shared().readTree(message)),
                    Fixtures.integration(IntegrationType.CLOUDWATCH), Fixtures.RECEIVED_AT)
                    .forEach(alert -> assertThat(alert.dedupKey()).isNotBlank());
        } catch (InvalidPayload invalid) {
            assertThat(invalid.errors()).isNotEmpty();
        }
    }

    @FuzzTest(maxDuration = FuzzedRequests.FUZZ_DURATION)
    void onlyHttpsSnsHostsPassTheHostCheck(FuzzedDataProvider data) {
        String url = data.consumeRemainingAsString();
        try {
            assertGenuine(SnsHosts.requireGenuine(url, "SigningCertURL"));
        } catch (Rejected refused) {
            assertThat(refused.reason()).isEqualTo(Reason.SIGNATURE_INVALID);
        }
    }

    private static void assertGenuine(URI url) {
        assertThat(url.getScheme()).isEqualTo("https");
        assertThat(url.getRawUserInfo()).isNull();
        assertThat(url.getPort()).isIn(-1, 443);
        assertThat(url.getHost().toLowerCase(Locale.ROOT)).matches("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");
    }
}
