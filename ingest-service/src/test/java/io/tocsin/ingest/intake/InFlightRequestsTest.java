package io.tocsin.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tocsin.ingest.IngestProperties;
import io.tocsin.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The places of {@link InFlightRequests}: a request waits for one a moment before it is refused, an integration's
 * waiting requests queue behind its own half and not in front of other integrations, and a refused sender is told to
 * come back in a second while places are held briefly (Kafka answers quickly), later while they are held long.
 */
class InFlightRequestsTest {

    private static final int PLACES = 8;
    private static final Duration NO_WAIT = Duration.ZERO;
    private static final Duration LONG_WAIT = Duration.ofSeconds(30);

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-06T05:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InFlightRequests inFlight = new InFlightRequests(new IngestProperties(DataSize.ofKilobytes(512),
            DataSize.ofKilobytes(64), Duration.ofSeconds(5), Duration.ofSeconds(8), PLACES, Duration.ofSeconds(1),
            new IngestProperties.RateLimit(60, 5)), meters, clock);

    @Test
    void aRequestFindingEveryPlaceTakenWaitsAndGetsTheFirstToComeFree() {
        List<InFlightRequests.Place> taken = takeEveryPlace();

        CompletableFuture<Optional<InFlightRequests.Place>> waiting = enterLater(UUID.randomUUID(), LONG_WAIT);
        await().until(() -> waitingRequests() == 1);
        assertThat(waiting).isNotDone();
        taken.getFirst().leave();

        assertThat(waiting.join()).isPresent();
        assertThat(waitingRequests()).isZero();
    }

    @Test
    void aRequestStillWithoutAPlaceAtTheEndOfItsWaitIsRefusedAndHoldsNothing() {
        UUID integration = UUID.randomUUID();
        List<InFlightRequests.Place> taken = takeShare(integration);

        assertThat(inFlight.enter(integration, Duration.ofMillis(50))).isEmpty();
        assertThat(waitingRequests()).isZero();
        taken.getFirst().leave();
        // the refused request took nothing with it: the place just left is the only one the integration can get
        assertThat(inFlight.enter(integration, NO_WAIT)).isPresent();
        assertThat(inFlight.enter(integration, NO_WAIT)).isEmpty();
    }

    @Test
    void aFlappingIntegrationsWaitingRequestsDoNotHoldUpAnotherIntegration() {
        UUID flapping = UUID.randomUUID();
        List<InFlightRequests.Place> share = takeShare(flapping);
        CompletableFuture<Optional<InFlightRequests.Place>> queued = enterLater(flapping, LONG_WAIT);
        await().until(() -> waitingRequests() == 1);

        // the other half is free for anyone else, at once, while the flapping integration's request still waits
        for (int i = 0; i < PLACES / 2; i++) {
            assertThat(inFlight.enter(UUID.randomUUID(), NO_WAIT)).isPresent();
        }
        assertThat(queued).isNotDone();

        share.getFirst().leave();
        assertThat(queued.join()).isPresent();
    }

    @Test
    void aRefusedSenderRetriesInASecondWhilePlacesAreHeldBrieflyAndLaterWhileTheyAreHeldLong() {
        assertThat(inFlight.retryAfter()).as("before any request was done").isEqualTo(Duration.ofSeconds(5));

        InFlightRequests.Place quick = inFlight.enter(UUID.randomUUID(), NO_WAIT).orElseThrow();
        clock.advance(Duration.ofMillis(200));
        quick.leave();
        assertThat(inFlight.retryAfter()).isEqualTo(Duration.ofSeconds(1));

        InFlightRequests.Place slow = inFlight.enter(UUID.randomUUID(), NO_WAIT).orElseThrow();
        clock.advance(Duration.ofSeconds(3));
        slow.leave();
        assertThat(inFlight.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    }

    private CompletableFuture<Optional<InFlightRequests.Place>> enterLater(UUID integration, Duration wait) {
        return CompletableFuture.supplyAsync(() -> inFlight.enter(integration, wait), Thread::startVirtualThread);
    }

    private double waitingRequests() {
        return meters.get("tocsin.ingest.requests.waiting").gauge().value();
    }

    private List<InFlightRequests.Place> takeEveryPlace() {
        List<InFlightRequests.Place> taken = new ArrayList<>();
        while (taken.size() < PLACES) {
            taken.addAll(takeShare(UUID.randomUUID()));
        }
        assertThat(inFlight.enter(UUID.randomUUID(), NO_WAIT)).isEmpty();
        return taken;
    }

    private List<InFlightRequests.Place> takeShare(UUID integration) {
        List<InFlightRequests.Place> taken = new ArrayList<>();
        for (Optional<InFlightRequests.Place> place = inFlight.enter(integration, NO_WAIT); place.isPresent();
                place = inFlight.enter(integration, NO_WAIT)) {
            taken.add(place.get());
        }
        assertThat(taken).hasSize(PLACES / 2);
        return taken;
    }
}
