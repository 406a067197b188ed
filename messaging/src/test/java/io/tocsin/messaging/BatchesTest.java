package io.tocsin.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

class BatchesTest {

    /** Transactions in memory: what a transaction applied is kept when it commits and dropped when it throws. */
    private final List<String> committed = new ArrayList<>();
    private final List<String> pending = new ArrayList<>();
    private int transactions;
    private final Batches batches = new Batches(new TransactionOperations() {
        @Override
        public <R> R execute(TransactionCallback<R> action) {
            transactions++;
            pending.clear();
            R result = action.doInTransaction(null);
            committed.addAll(pending);
            return result;
        }
    }, Tracer.NOOP, Propagator.NOOP);

    @Test
    void aPollsRecordsAreAppliedInOneTransaction() {
        batches.apply("test", records("a", "b", "c"), pending::add, (index, record, failure) -> {
            throw new AssertionError("nothing failed");
        });

        assertThat(committed).containsExactly("a", "b", "c");
        assertThat(transactions).isEqualTo(1);
    }

    @Test
    void aRecordThatFailsHoldsBackNothingElseAndIsHandedOverWithItsPlace() {
        List<String> failed = new ArrayList<>();

        batches.apply("test", records("a", "poison", "c"), record -> {
            if (record.equals("poison")) {
                throw new IllegalArgumentException("unreadable");
            }
            pending.add(record);
        }, (index, record, failure) -> failed.add(index + ":" + record.payload() + ":" + failure.getMessage()));

        assertThat(committed).containsExactly("a", "c");
        assertThat(failed).containsExactly("1:poison:unreadable");
        assertThat(transactions).as("the batch, then each record alone").isEqualTo(4);
    }

    @Test
    void whileTheDatabaseIsAwayTheBatchFailsWholeForUntilStoredToWait() {
        List<String> failed = new ArrayList<>();

        assertThatThrownBy(() -> batches.apply("test", records("a", "b"), record -> {
            throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
        }, (index, record, failure) -> failed.add(record.payload()))).isInstanceOf(CannotCreateTransactionException.class);

        assertThat(committed).isEmpty();
        assertThat(failed).as("nothing is given up on while the database is away").isEmpty();
    }

    @Test
    void aBatchMessagesListHeadersAreReadBackIntoRecords() {
        var message = MessageBuilder.withPayload(List.of("first", "second"))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, List.of("tocsin.alerts.v1", "tocsin.alerts.v1"))
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, List.of(2, 2))
                .setHeader(KafkaHeaders.OFFSET, List.of(41L, 42L))
                .setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, List.of(
                        Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes()),
                        Map.of()))
                .build();

        List<Received<String>> records = Received.of(message);

        assertThat(records).extracting(Received::payload).containsExactly("first", "second");
        assertThat(records).extracting(Received::offset).containsExactly(41L, 42L);
        assertThat(records.getFirst().traceParent()).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(records.get(1).traceParent()).isNull();
        assertThat(records.getFirst().placeId()).isNotEqualTo(records.get(1).placeId())
                .isEqualTo(new Received<>("other", "tocsin.alerts.v1", 2, 41L, null).placeId());
    }

    private static List<Received<String>> records(String... payloads) {
        List<Received<String>> records = new ArrayList<>();
        for (int i = 0; i < payloads.length; i++) {
            records.add(new Received<>(payloads[i], "topic", 0, i, null));
        }
        return records;
    }
}
