package io.tocsin.ingest.uptimerobot;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.intake.Fixtures;
import io.tocsin.ingest.intake.FuzzedRequests;

/** Fuzzer-made requests are accepted or refused with a reason, never a 500 (see {@link FuzzedRequests}). */
class UptimeRobotNormalizerFuzzTest {

    private final UptimeRobotNormalizer normalizer = new UptimeRobotNormalizer();

    @FuzzTest(maxDuration = FuzzedRequests.FUZZ_DURATION)
    void anyRequestIsAcceptedOrRefusedWithAReason(FuzzedDataProvider data) {
        FuzzedRequests.normalize(normalizer, Fixtures.integration(IntegrationType.UPTIMEROBOT), data);
    }
}
