package io.tocsin.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.IngestHttpTest;
import io.tocsin.ingest.IngestProperties;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With every in-flight place taken (as by a flood of slow requests), or an integration's share of them, the next
 * request (of that integration) is answered 503 with Retry-After and a problem that says what to do, and it publishes
 * nothing; other integrations still get in, and once places are free again, events are accepted. The places are
 * taken here by hand, so the test does not depend on timing.
 */
class InFlightLimitIntegrationTest extends IngestHttpTest {

    @Autowired
    InFlightRequests inFlight;

    @Autowired
    IngestProperties properties;

    private final List<UUID> taken = new ArrayList<>();

    @AfterEach
    void freeThePlaces() {
        taken.forEach(inFlight::leave);
        taken.clear();
    }

    @Test
    void aRequestOverTheInFlightLimitIs503WithRetryAfterAndStoresNothing() {
        TestIntegration generic = integration(IntegrationType.GENERIC);
        String path = "/integrations/" + generic.key() + "/generic";
        takeEveryPlace();

        HttpResponse<String> shed = postJson(path, "{\"summary\":\"shed\",\"dedup\":\"shed\"}");
        freeThePlaces();

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

    @Test
    void anIntegrationHoldingItsShareOfThePlacesIsTheOneToldToRetryAndOthersStillGetIn() {
        TestIntegration flapping = integration(IntegrationType.GENERIC);
        TestIntegration other = integration(IntegrationType.GENERIC);
        int share = takeShare(flapping.integrationId());

        HttpResponse<String> shed = postJson("/integrations/" + flapping.key() + "/generic",
                "{\"summary\":\"flap\",\"dedup\":\"flap\"}");
        HttpResponse<String> neighbour = postJson("/integrations/" + other.key() + "/generic",
                "{\"summary\":\"neighbour\",\"dedup\":\"neighbour\"}");

        assertThat(share).isEqualTo(properties.maxInFlight() / 2);
        assertThat(shed.statusCode()).as(shed.body()).isEqualTo(503);
        assertThat(shed.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(JsonMapper.shared().readTree(shed.body()).get("type").asString())
                .isEqualTo("urn:tocsin:problem:overloaded");
        assertThat(neighbour.statusCode()).as(neighbour.body()).isEqualTo(202);
        assertOnlyTheMarkerWasPublished(other, "neighbour");

        freeThePlaces();
        HttpResponse<String> retried = postJson("/integrations/" + flapping.key() + "/generic",
                "{\"summary\":\"retried\",\"dedup\":\"retried\"}");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        assertOnlyTheMarkerWasPublished(flapping, "retried");
    }

    /** Takes every place, as integrations of their own would, each as many as its share allows. */
    private void takeEveryPlace() {
        int got;
        do {
            got = takeShare(UUID.randomUUID());
        } while (got > 0);
    }

    /** Takes places for the integration until it is refused; how many it got. */
    private int takeShare(UUID integrationId) {
        int got = 0;
        while (inFlight.tryEnter(integrationId)) {
            taken.add(integrationId);
            got++;
        }
        return got;
    }
}
