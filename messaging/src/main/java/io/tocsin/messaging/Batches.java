package io.tocsin.messaging;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Applies a poll's records in one transaction, so a storm costs one commit per poll rather than one per record;
 * each record is applied in its own trace (continued from the one it was sent in), so what it causes is traced to it.
 * When the batch fails for a reason other than the database being away, each record is applied again alone, in its
 * own transaction, up to its attempts with back-off: one bad record holds back nothing else, and what still failed
 * alone goes to the caller's {@link Failed} handler. While the database is away the failure is thrown for
 * {@link UntilStored} to wait it out.
 */
public final class Batches {

    /** What to do with a record that failed even alone: open an incident for it, or dead-letter it. */
    @FunctionalInterface
    public interface Failed<T> {
        void accept(int index, Received<T> record, RuntimeException failure);
    }

    /** How a consumer applies its records; both steps run in the transaction that applies them. */
    @FunctionalInterface
    public interface Applier<T> {

        /**
         * Runs first, once per transaction, with the records it applies; returns those to apply (an inbox leaves out
         * the ones applied before) after doing what it can for all of them at once.
         */
        default List<Received<T>> begin(List<Received<T>> records) {
            return records;
        }

        void apply(T record);
    }

    private static final Logger log = LoggerFactory.getLogger(Batches.class);

    private final TransactionOperations transactions;
    private final Tracer tracer;
    private final Propagator propagator;
    private final int attempts;
    private final Duration firstBackOff;

    /** Each record that failed in its batch is applied alone once more before it counts as failed. */
    public Batches(TransactionOperations transactions, Tracer tracer, Propagator propagator) {
        this(transactions, tracer, propagator, 1, Duration.ZERO);
    }

    /**
     * @param attempts how often a record is applied alone before it counts as failed (a poll of one record: its
     *        batch was its first attempt)
     * @param firstBackOff the pause before its second attempt alone, doubled before each further one
     */
    public Batches(TransactionOperations transactions, Tracer tracer, Propagator propagator, int attempts,
            Duration firstBackOff) {
        this.transactions = transactions;
        this.tracer = tracer;
        this.propagator = propagator;
        this.attempts = attempts;
        this.firstBackOff = firstBackOff;
    }

    /**
     * Applies the records with {@code applier}, all in one transaction; {@code applier} must not depend on which
     * transaction it runs in (an inbox makes a record applied twice change nothing the second time).
     */
    public <T> void apply(String name, List<Received<T>> records, Applier<T> applier, Failed<T> failed) {
        try {
            inTransaction(name, records, applier);
            return;
        } catch (RuntimeException batchFailed) {
            if (UntilStored.databaseAway(batchFailed)) {
                throw batchFailed;
            }
            if (records.size() == 1) {
                alone(name, 0, records.getFirst(), applier, failed, 1, batchFailed);
                return;
            }
            log.warn("{}: a batch of {} failed ({}); applying its records one by one", name, records.size(),
                    batchFailed.toString());
        }
        for (int i = 0; i < records.size(); i++) {
            alone(name, i, records.get(i), applier, failed, 0, null);
        }
    }

    private <T> void alone(String name, int index, Received<T> record, Applier<T> applier, Failed<T> failed,
            int attemptsMade, RuntimeException lastFailure) {
        Duration backOff = firstBackOff;
        for (int attempt = attemptsMade + 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                log.warn("{}: {} attempt {} of {} failed ({}); trying again in {}", name, place(record), attempt - 1,
                        attempts, lastFailure.toString(), backOff);
                pause(backOff, lastFailure);
                backOff = backOff.multipliedBy(2);
            }
            try {
                inTransaction(name, List.of(record), applier);
                return;
            } catch (RuntimeException e) {
                if (UntilStored.databaseAway(e)) {
                    throw e;
                }
                lastFailure = e;
            }
        }
        failed.accept(index, record, lastFailure);
    }

    private <T> void inTransaction(String name, List<Received<T>> records, Applier<T> applier) {
        transactions.executeWithoutResult(status -> applier.begin(records)
                .forEach(record -> traced(name, record, applier)));
    }

    private <T> void traced(String name, Received<T> record, Applier<T> applier) {
        if (record.traceParent() == null) {
            applier.apply(record.payload());
            return;
        }
        Span span = propagator.extract(Map.of(Received.TRACE_PARENT, record.traceParent()), Map::get).name(name).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            applier.apply(record.payload());
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private static String place(Received<?> record) {
        return "topic=" + record.topic() + " partition=" + record.partition() + " offset=" + record.offset();
    }

    private static void pause(Duration backOff, RuntimeException failure) {
        try {
            Thread.sleep(backOff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
