package io.tocsin.ingest.alertmanager;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tocsin.contracts.IntegrationSettings;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.intake.Fixtures;
import io.tocsin.ingest.intake.FuzzedRequests;
import java.util.Map;

/** Fuzzer-made requests are accepted or refused with a reason, never a 500 (see {@link FuzzedRequests}). */
class AlertmanagerNormalizerFuzzTest {

    private final AlertmanagerNormalizer normalizer = new AlertmanagerNormalizer();

    @FuzzTest(maxDuration = FuzzedRequests.FUZZ_DURATION)
    void anyRequestIsAcceptedOrRefusedWithAReason(FuzzedDataProvider data) {
        FuzzedRequests.normalize(normalizer, Fixtures.integration(IntegrationType.ALERTMANAGER,
                data.consumeBoolean() ? Map.of(IntegrationSettings.ALERTMANAGER_DEDUP, "group") : Map.of()), data);
    }
}
