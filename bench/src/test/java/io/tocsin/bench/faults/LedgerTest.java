package io.tocsin.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LedgerTest {

    private static final List<Ledger.Due> TWO_LEVELS = List.of(
            new Ledger.Due("level 1", Set.of("A")), new Ledger.Due("level 2", Set.of("B")));

    @Test
    void everyAcceptedEventOwesOnePagePerLevelAndRepeatsBeyondTheFirstAreDuplicates() {
        Ledger ledger = Ledger.of("kill", Set.of("e-1", "e-2"), Set.of("e-1", "e-2"), TWO_LEVELS,
                Map.of("e-1", Map.of("A", 2, "B", 1), "e-2", Map.of("A", 1, "B", 3)), 3);

        assertThat(ledger).extracting(Ledger::accepted, Ledger::incidents, Ledger::due, Ledger::sent,
                Ledger::duplicates, Ledger::lost).containsExactly(2, 2, 4, 4, 3, 0);
        assertThat(ledger.holds()).isTrue();
    }

    @Test
    void aDuePageThatNeverCameIsLostAndNamedWithItsEvent() {
        Ledger ledger = Ledger.of("kafka", Set.of("e-1", "e-2"), Set.of("e-1"), TWO_LEVELS,
                Map.of("e-1", Map.of("A", 1)), 0);

        assertThat(ledger).extracting(Ledger::due, Ledger::sent, Ledger::lost).containsExactly(4, 1, 3);
        assertThat(ledger.missing()).containsExactly("e-1: level 2", "e-2 (no incident): level 1",
                "e-2 (no incident): level 2");
        assertThat(ledger.holds()).isFalse();
    }

    @Test
    void aPageToAnyOfItsRecipientsPaysTheDueAndPagesForEventsNotAcceptedAreNotCounted() {
        List<Ledger.Due> smsOrFailover = List.of(new Ledger.Due("SMS or webhook", Set.of("A", "webhook")));

        Ledger ledger = Ledger.of("provider", Set.of("e-1", "e-2"), Set.of("e-1", "e-2"), smsOrFailover,
                Map.of("e-1", Map.of("webhook", 1), "e-2", Map.of("A", 1), "e-3", Map.of("A", 5)), 0);

        assertThat(ledger).extracting(Ledger::due, Ledger::sent, Ledger::duplicates, Ledger::lost)
                .containsExactly(2, 2, 0, 0);
    }

    @Test
    void moreDuplicatesThanTheBoundFail() {
        Ledger ledger = Ledger.of("two", Set.of("e-1"), Set.of("e-1"), TWO_LEVELS,
                Map.of("e-1", Map.of("A", 2, "B", 1)), 0);

        assertThat(ledger.duplicates()).isEqualTo(1);
        assertThat(ledger.holds()).isFalse();
        assertThat(ledger.row()).endsWith("| 1 (0) | 0 | FAILS |");
    }
}
