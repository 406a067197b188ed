package io.tocsin.ingest.grafana;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tocsin.contracts.IntegrationSettings;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.intake.Fixtures;
import io.tocsin.ingest.intake.FuzzedRequests;
import java.util.Map;

/** Fuzzer-made requests are accepted or refused with a reason, never a 500 (see {@link FuzzedRequests}). */
class GrafanaNormalizerFuzzTest {

    private final GrafanaNormalizer normalizer = new GrafanaNormalizer();

    @FuzzTest(maxDuration = FuzzedRequests.FUZZ_DURATION)
    void anyRequestIsAcceptedOrRefusedWithAReason(FuzzedDataProvider data) {
        FuzzedRequests.normalize(normalizer, Fixtures.integration(IntegrationType.GRAFANA,
                data.consumeBoolean() ? Map.of(IntegrationSettings.GRAFANA_DEDUP, "group") : Map.of()), data);
    }
}
