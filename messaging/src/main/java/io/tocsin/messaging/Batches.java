package io.tocsin.messaging;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Applies a poll's records in one transaction, so a storm costs one commit per poll rather than one per record;
 * each record is applied in its own trace (continued from the one it was sent in), so what it causes is traced to it.
 * When the batch fails for a reason other than the database being away, each record is applied again alone, in its
 * own transaction: one bad record holds back nothing else, and what failed alone goes to the caller's
 * {@link Failed} handler. While the database is away the failure is thrown for {@link UntilStored} to wait it out.
 */
public final class Batches {

    /** What to do with a record that failed even alone: open an incident for it, or dead-letter it. */
    @FunctionalInterface
    public interface Failed<T> {
        void accept(int index, Received<T> record, RuntimeException failure);
    }

    private static final Logger log = LoggerFactory.getLogger(Batches.class);

    private final TransactionOperations transactions;
    private final Tracer tracer;
    private final Propagator propagator;

    public Batches(TransactionOperations transactions, Tracer tracer, Propagator propagator) {
        this.transactions = transactions;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * Applies each record with {@code apply}, all in one transaction; {@code apply} must not depend on which
     * transaction it runs in (the inbox makes a record applied twice change nothing the second time).
     */
    public <T> void apply(String name, List<Received<T>> records, Consumer<T> apply, Failed<T> failed) {
        try {
            transactions.executeWithoutResult(status -> records.forEach(record -> traced(name, record, apply)));
            return;
        } catch (RuntimeException batchFailed) {
            if (UntilStored.databaseAway(batchFailed)) {
                throw batchFailed;
            }
            if (records.size() == 1) {
                failed.accept(0, records.getFirst(), batchFailed);
                return;
            }
            log.warn("{}: a batch of {} failed ({}); applying its records one by one", name, records.size(),
                    batchFailed.toString());
        }
        for (int i = 0; i < records.size(); i++) {
            Received<T> record = records.get(i);
            try {
                transactions.executeWithoutResult(status -> traced(name, record, apply));
            } catch (RuntimeException alone) {
                if (UntilStored.databaseAway(alone)) {
                    throw alone;
                }
                failed.accept(i, record, alone);
            }
        }
    }

    private <T> void traced(String name, Received<T> record, Consumer<T> apply) {
        if (record.traceParent() == null) {
            apply.accept(record.payload());
            return;
        }
        Span span = propagator.extract(Map.of(Received.TRACE_PARENT, record.traceParent()), Map::get).name(name).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            apply.accept(record.payload());
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
