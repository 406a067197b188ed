package io.tocsin.routing.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.statuspage.StatusView.ServiceStatus;
import io.tocsin.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** The status pages' last-good state: a database that stops answering leaves the pages showing what they last knew. */
class StatusBoardTest {

    private final MutableClock clock = MutableClock.startingNow();
    private boolean databaseUp = true;
    private ServiceState api = ServiceState.OPERATIONAL;

    private final Function<Instant, Map<String, StatusView>> database = now -> {
        if (!databaseUp) {
            throw new DataAccessResourceFailureException("Connection refused");
        }
        StatusPage page = new StatusPage(UUID.randomUUID(), "acme", "Acme", List.of(UUID.randomUUID()), now);
        return Map.of("acme", new StatusView(page, List.of(new ServiceStatus("API", api)), List.of(), now));
    };

    private final StatusBoard board = new StatusBoard(database, clock);

    @Test
    void whileTheDatabaseIsUnreachableThePageKeepsItsLastKnownStateAndItsTime() {
        board.refresh();
        api = ServiceState.OUTAGE;
        clock.advance(Duration.ofSeconds(5));
        board.refresh();
        Instant lastRead = clock.instant();

        databaseUp = false;
        clock.advance(Duration.ofMinutes(10));
        board.refresh();

        StatusView shown = board.page("acme").orElseThrow();
        assertThat(shown.overall()).isEqualTo(ServiceState.OUTAGE);
        assertThat(shown.asOf()).isEqualTo(lastRead);
    }

    @Test
    void onceTheDatabaseAnswersAgainThePageCatchesUp() {
        board.refresh();
        databaseUp = false;
        api = ServiceState.DEGRADED;
        board.refresh();
        assertThat(board.page("acme").orElseThrow().overall()).isEqualTo(ServiceState.OPERATIONAL);

        databaseUp = true;
        board.refresh();

        assertThat(board.page("acme").orElseThrow().overall()).isEqualTo(ServiceState.DEGRADED);
    }

    @Test
    void beforeTheFirstReadNothingIsKnownRatherThanEverythingOperational() {
        databaseUp = false;
        board.refresh();

        assertThat(board.known()).isFalse();
        assertThat(board.page("acme")).isEmpty();
    }
}
