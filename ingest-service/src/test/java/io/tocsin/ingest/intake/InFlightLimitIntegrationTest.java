package io.tocsin.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.IngestHttpTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With every in-flight place taken (as by a flood of slow requests), the next request is answered 503 with
 * Retry-After and a problem that says what to do, and it publishes nothing; once places are free again, events are
 * accepted. The places are taken here by hand, so the test does not depend on timing.
 */
class InFlightLimitIntegrationTest extends IngestHttpTest {

    @Autowired
    InFlightRequests inFlight;

    @Test
    void aRequestOverTheInFlightLimitIs503WithRetryAfterAndStoresNothing() {
        TestIntegration generic = integration(IntegrationType.GENERIC);
        String path = "/integrations/" + generic.key() + "/generic";
        int taken = 0;
        while (inFlight.tryEnter()) {
            taken++;
        }
        HttpResponse<String> shed;
        try {
            shed = postJson(path, "{\"summary\":\"shed\",\"dedup\":\"shed\"}");
        } finally {
            for (int i = 0; i < taken; i++) {
                inFlight.leave();
            }
        }

        assertThat(taken).isPositive();
        assertThat(shed.statusCode()).as(shed.body()).isEqualTo(503);
        assertThat(shed.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(shed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JsonMapper.shared().readTree(shed.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:tocsin:problem:overloaded");
        assertThat(problem.get("detail").asString()).contains("tocsin.ingest.max-in-flight", "retry in 5 s");

        HttpResponse<String> accepted = postJson(path, "{\"summary\":\"marker\",\"dedup\":\"marker\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertOnlyTheMarkerWasPublished(generic, "marker");
    }
}
