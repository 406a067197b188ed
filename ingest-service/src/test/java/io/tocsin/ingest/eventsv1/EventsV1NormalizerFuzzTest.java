package io.tocsin.ingest.eventsv1;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.intake.Fixtures;
import io.tocsin.ingest.intake.FuzzedRequests;

/** Fuzzer-made requests are accepted or refused with a reason, never a 500 (see {@link FuzzedRequests}). */
class EventsV1NormalizerFuzzTest {

    private final EventsV1Normalizer normalizer = new EventsV1Normalizer();

    @FuzzTest(maxDuration = FuzzedRequests.FUZZ_DURATION)
    void anyRequestIsAcceptedOrRefusedWithAReason(FuzzedDataProvider data) {
        FuzzedRequests.normalize(normalizer, Fixtures.integration(IntegrationType.EVENTS_V1), data);
    }
}
