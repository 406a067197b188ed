package io.tocsin.notifier.poll;

import static io.tocsin.messaging.UntilStored.untilStored;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.tocsin.messaging.Batches;
import io.tocsin.messaging.DeadLetters;
import io.tocsin.messaging.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The notifier's Kafka consumers in batch mode: a poll's records are read one by one, each in its own trace, then
 * stored together by the consumer's {@link Poll#store} just before the poll's one commit (batch statements instead of
 * a transaction per record), and acted on by {@link Poll#stored} once committed (provider calls started, reports
 * sent). A record that cannot be read or stored is isolated by {@link Batches}: the poll is applied again record by
 * record and what still fails is dead-lettered ({@link DeadLetters.Publisher}); while the database is away the poll
 * waits ({@link io.tocsin.messaging.UntilStored}).
 */
@Component
public class Polls {

    /** What a consumer does with its polls. {@code S} is what storing decided, handed to {@link #stored}. */
    public interface Poll<T, S> {

        /** Reads one record; throws if it cannot be read (the record is then dead-lettered alone). */
        T read(byte[] bytes);

        /** Stores what the records say, in the poll's transaction, just before it commits. */
        S store(List<Read<T>> records);

        /** After the commit: what the stored records set off. Must not throw. */
        void stored(S stored);
    }

    /** A record as read, with the trace it was read in (what it sets off continues that trace). */
    public record Read<T>(T value, Span trace) {
    }

    private final Batches batches;
    private final Tracer tracer;
    private final DeadLetters.Publisher deadLetters;

    Polls(TransactionOperations transactions, Tracer tracer, Propagator propagator,
            DeadLetters.Publisher deadLetters) {
        // a record failing alone is tried 4 times, 200 ms, 400 ms, 800 ms apart, as the binder tried it before polls
        // came as batches: a deadlock between two polls must not dead-letter a page
        this.batches = new Batches(transactions, tracer, propagator, 4, Duration.ofMillis(200));
        this.tracer = tracer;
        this.deadLetters = deadLetters;
    }

    /** The consumer of a binding with {@code batch-mode: true} and native decoding, of the consumer group {@code group}. */
    public <T, S> Consumer<Message<List<byte[]>>> consumer(String name, String group, Poll<T, S> poll) {
        return untilStored(batch -> {
            // acted on once the transaction is over and its connection back in the pool, not in its afterCommit
            // (data access there would still run on the committed transaction's connection)
            List<Runnable> committed = new ArrayList<>();
            try {
                batches.apply(name, Received.of(batch), bytes -> readInto(poll, bytes, committed),
                        (index, record, failure) -> deadLetters.publish(group, record, failure));
            } finally {
                committed.forEach(Runnable::run);
            }
        });
    }

    /** Runs {@code action} in the trace the record was read in. */
    public void inTrace(Read<?> read, Runnable action) {
        try (Tracer.SpanInScope scope = tracer.withSpan(read.trace())) {
            action.run();
        }
    }

    /** Reads a record into its transaction's poll, which the first record read in the transaction opens. */
    @SuppressWarnings("unchecked")
    private <T, S> void readInto(Poll<T, S> poll, byte[] bytes, List<Runnable> committed) {
        Read<T> read = new Read<>(poll.read(bytes), tracer.currentSpan());
        Open<T, S> open = (Open<T, S>) TransactionSynchronizationManager.getResource(poll);
        if (open == null) {
            open = new Open<>(poll, committed);
            TransactionSynchronizationManager.bindResource(poll, open);
            TransactionSynchronizationManager.registerSynchronization(open);
        }
        open.records.add(read);
    }

    /** The records read in one transaction, stored before it commits and, once committed, queued to be acted on. */
    private static final class Open<T, S> implements TransactionSynchronization {

        private final Poll<T, S> poll;
        private final List<Runnable> committed;
        private final List<Read<T>> records = new ArrayList<>();
        private S stored;

        Open(Poll<T, S> poll, List<Runnable> committed) {
            this.poll = poll;
            this.committed = committed;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            stored = poll.store(records);
        }

        @Override
        public void afterCommit() {
            S done = stored;
            committed.add(() -> poll.stored(done));
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(poll);
        }
    }
}
