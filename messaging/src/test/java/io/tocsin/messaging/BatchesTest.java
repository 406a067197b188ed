package io.tocsin.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Duration;
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
    void eachTransactionBeginsWithTheRecordsItAppliesAndAppliesOnlyThoseItKeeps() {
        List<List<String>> begun = new ArrayList<>();

        batches.apply("test", records("a", "seen before", "poison"), new Batches.Applier<>() {
            @Override
            public List<Received<String>> begin(List<Received<String>> records) {
                begun.add(records.stream().map(Received::payload).toList());
                return records.stream().filter(record -> !record.payload().equals("seen before")).toList();
            }

            @Override
            public void apply(String record) {
                if (record.equals("poison")) {
                    throw new IllegalArgumentException("unreadable");
                }
                pending.add(record);
            }
        }, (index, record, failure) -> { });

        assertThat(begun).containsExactly(List.of("a", "seen before", "poison"), List.of("a"), List.of("seen before"),
                List.of("poison"));
        assertThat(committed).containsExactly("a");
    }

    @Test
    void aRecordIsTriedAloneUpToItsAttemptsBeforeItCountsAsFailed() {
        Batches retrying = new Batches(new TransactionOperations() {
            @Override
            public <R> R execute(TransactionCallback<R> action) {
                return action.doInTransaction(null);
            }
        }, Tracer.NOOP, Propagator.NOOP, 3, Duration.ZERO);
        List<String> tries = new ArrayList<>();
        List<String> failed = new ArrayList<>();

        retrying.apply("test", records("flaky", "poison"), record -> {
            tries.add(record);
            if (record.equals("poison") || tries.size() < 3) {
                throw new IllegalStateException("not yet");
            }
        }, (index, record, failure) -> failed.add(record.payload()));

        assertThat(tries).as("the batch, flaky alone twice, then poison alone three times")
                .containsExactly("flaky", "flaky", "flaky", "poison", "poison", "poison");
        assertThat(failed).containsExactly("poison");
    }

    @Test
    void aPollOfOneRecordCountsItsBatchAsItsFirstAttempt() {
        Batches retrying = new Batches(new TransactionOperations() {
            @Override
            public <R> R execute(TransactionCallback<R> action) {
                return action.doInTransaction(null);
            }
        }, Tracer.NOOP, Propagator.NOOP, 2, Duration.ZERO);
        List<String> tries = new ArrayList<>();
        List<String> failed = new ArrayList<>();

        retrying.apply("test", records("poison"), record -> {
            tries.add(record);
            throw new IllegalStateException("never");
        }, (index, record, failure) -> failed.add(record.payload()));

        assertThat(tries).hasSize(2);
        assertThat(failed).containsExactly("poison");
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
                .isEqualTo(new Received<>("other", null, "tocsin.alerts.v1", 2, 41L, null).placeId());
    }

    private static List<Received<String>> records(String... payloads) {
        List<Received<String>> records = new ArrayList<>();
        for (int i = 0; i < payloads.length; i++) {
            records.add(new Received<>(payloads[i], null, "topic", 0, i, null));
        }
        return records;
    }
}
