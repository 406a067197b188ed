package io.tocsin.ingest.uptimekuma;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.intake.Fixtures;
import io.tocsin.ingest.intake.FuzzedRequests;
import tools.jackson.databind.json.JsonMapper;

/** Fuzzer-made requests are accepted or refused with a reason, never a 500 (see {@link FuzzedRequests}). */
class UptimeKumaNormalizerFuzzTest {

    private final UptimeKumaNormalizer normalizer = new UptimeKumaNormalizer(JsonMapper.shared());

    @FuzzTest(maxDuration = FuzzedRequests.FUZZ_DURATION)
    void anyRequestIsAcceptedOrRefusedWithAReason(FuzzedDataProvider data) {
        FuzzedRequests.normalize(normalizer, Fixtures.integration(IntegrationType.UPTIME_KUMA), data);
    }
}
