package io.tocsin.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.IngestHttpTest;
import io.tocsin.ingest.IngestProperties;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With every in-flight place taken (as by a flood of slow requests), or an integration's share of them, the next
 * request (of that integration) waits a moment for a place and gets in if one comes free; if none does it is answered
 * 503 with Retry-After (a second while places were held briefly, longer while they were held long) and a problem that
 * says what to do, and it publishes nothing; other integrations still get in, and once places are free again, events
 * are accepted. The places are taken here by hand, so the test does not depend on timing.
 */
class InFlightLimitIntegrationTest extends IngestHttpTest {

    private static final Duration NO_WAIT = Duration.ZERO;

    @Autowired
    InFlightRequests inFlight;

    @Autowired
    IngestProperties properties;

    @Autowired
    MeterRegistry meters;

    private final List<InFlightRequests.Place> taken = new ArrayList<>();

    @AfterEach
    void freeThePlaces() {
        taken.forEach(InFlightRequests.Place::leave);
        taken.clear();
    }

    @Test
    void aRequestOverTheInFlightLimitWaitsThenIs503WithRetryAfterAndStoresNothing() {
        TestIntegration generic = integration(IntegrationType.GENERIC);
        String path = "/integrations/" + generic.key() + "/generic";
        takeEveryPlace();
        // one place left and taken again at once: the latest request to leave held its place briefly
        taken.removeFirst().leave();
        takeEveryPlace();

        HttpResponse<String> shed = postJson(path, "{\"summary\":\"shed\",\"dedup\":\"shed\"}");
        // these places were held through the shed request's wait, a second: now places are held long
        freeThePlaces();
        takeEveryPlace();
        HttpResponse<String> shedWhilePlacesAreHeldLong = postJson(path, "{\"summary\":\"shed\",\"dedup\":\"shed\"}");
        freeThePlaces();

        assertThat(shed.statusCode()).as(shed.body()).isEqualTo(503);
        assertThat(shed.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(shed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JsonMapper.shared().readTree(shed.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:tocsin:problem:overloaded");
        assertThat(problem.get("detail").asString()).contains("tocsin.ingest.max-in-flight", "within 1000 ms",
                "retry in 1 s");
        assertThat(shedWhilePlacesAreHeldLong.statusCode()).isEqualTo(503);
        assertThat(shedWhilePlacesAreHeldLong.headers().firstValue("Retry-After")).hasValue("5");

        HttpResponse<String> accepted = postJson(path, "{\"summary\":\"marker\",\"dedup\":\"marker\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertOnlyTheMarkerWasPublished(generic, "marker");
    }

    @Test
    void aRequestWaitingForAPlaceIsAcceptedWhenOneComesFree() {
        TestIntegration generic = integration(IntegrationType.GENERIC);
        takeEveryPlace();

        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> postJson(
                "/integrations/" + generic.key() + "/generic", "{\"summary\":\"queued\",\"dedup\":\"queued\"}"),
                Thread::startVirtualThread);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> meters.get("tocsin.ingest.requests.waiting").gauge().value() == 1);
        taken.removeFirst().leave();

        HttpResponse<String> accepted = waiting.join();
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertOnlyTheMarkerWasPublished(generic, "queued");
    }

    @Test
    void anIntegrationHoldingItsShareOfThePlacesIsTheOneToldToRetryAndOthersStillGetIn() {
        TestIntegration flapping = integration(IntegrationType.GENERIC);
        TestIntegration other = integration(IntegrationType.GENERIC);
        int share = takeShare(flapping.integrationId());

        CompletableFuture<HttpResponse<String>> flap = CompletableFuture.supplyAsync(() -> postJson(
                "/integrations/" + flapping.key() + "/generic", "{\"summary\":\"flap\",\"dedup\":\"flap\"}"),
                Thread::startVirtualThread);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> meters.get("tocsin.ingest.requests.waiting").gauge().value() == 1);
        // the flapping integration's request waits for a place of its own half, not in front of the neighbour's
        HttpResponse<String> neighbour = postJson("/integrations/" + other.key() + "/generic",
                "{\"summary\":\"neighbour\",\"dedup\":\"neighbour\"}");
        HttpResponse<String> shed = flap.join();

        assertThat(share).isEqualTo(properties.maxInFlight() / 2);
        assertThat(shed.statusCode()).as(shed.body()).isEqualTo(503);
        assertThat(shed.headers().firstValue("Retry-After")).isPresent();
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

    /** Takes every free place, as integrations of their own would, each as many as its share allows. */
    private void takeEveryPlace() {
        int got;
        do {
            got = takeShare(UUID.randomUUID());
        } while (got > 0);
    }

    /** Takes places for the integration until it is refused; how many it got. */
    private int takeShare(UUID integrationId) {
        int got = 0;
        for (Optional<InFlightRequests.Place> place = inFlight.enter(integrationId, NO_WAIT); place.isPresent();
                place = inFlight.enter(integrationId, NO_WAIT)) {
            taken.add(place.get());
            got++;
        }
        return got;
    }
}
