package io.tocsin.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

class UntilStoredTest {

    @Test
    void aMessageArrivingWhileTheDatabaseIsDownIsHandledOnceItIsBackNotDeadLettered() {
        List<String> stored = new ArrayList<>();
        int[] calls = {0};
        Consumer<String> consumer = UntilStored.untilStored(page -> {
            if (++calls[0] == 1) {
                throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
            }
            stored.add(page);
        });

        consumer.accept("page requested during a database restart");

        assertThat(stored).containsExactly("page requested during a database restart");
        assertThat(calls[0]).isEqualTo(2);
    }

    @Test
    void anyOtherFailureIsLeftToTheBindersRetriesAndDeadLetterTopic() {
        int[] calls = {0};
        Consumer<String> consumer = UntilStored.untilStored(page -> {
            calls[0]++;
            throw new IllegalArgumentException("unreadable");
        });

        assertThatThrownBy(() -> consumer.accept("poison")).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls[0]).isEqualTo(1);
    }
}
