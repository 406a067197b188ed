package io.tocsin.routing.inbox;

import static io.tocsin.messaging.UntilStored.untilStored;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.tocsin.messaging.Batches;
import io.tocsin.messaging.DeadLetters;
import io.tocsin.messaging.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routing's Kafka consumers that take a poll's records together ({@code batch-mode: true}, records as bytes): each
 * record is read from its JSON, the poll's message ids go into the inbox in one statement, and only the records seen
 * for the first time are applied, all in one transaction ({@link Batches}). A record that cannot be read, or still
 * fails alone after its attempts, goes to the consumer's failed handler; while the database is away the poll waits
 * ({@code UntilStored}).
 */
@Component
public class BatchConsumers {

    /** As the binder tried a record before it took polls as batches: 4 times, 200 ms, 400 ms, 800 ms apart. */
    private static final int ATTEMPTS = 4;
    private static final Duration FIRST_BACK_OFF = Duration.ofMillis(200);
    /** The consumer group of routing's bindings (routing.yml): dead letters go to {@code error.<topic>.routing}. */
    private static final String GROUP = "routing";

    /** What becomes of a record that cannot be read, or still fails alone after its attempts. */
    @FunctionalInterface
    public interface Failed {
        void accept(Received<byte[]> record, RuntimeException failure);
    }

    private final Inbox inbox;
    private final JsonMapper json;
    private final DeadLetters.Publisher deadLetters;
    private final Batches batches;

    BatchConsumers(Inbox inbox, JsonMapper json, DeadLetters.Publisher deadLetters, TransactionOperations transactions,
            Tracer tracer, Propagator propagator) {
        this.inbox = inbox;
        this.json = json;
        this.deadLetters = deadLetters;
        this.batches = new Batches(transactions, tracer, propagator, ATTEMPTS, FIRST_BACK_OFF);
    }

    /** The failed handler of a consumer whose records nobody else can act on: each goes to its dead-letter topic. */
    public Failed deadLetter() {
        return (record, failure) -> deadLetters.publish(GROUP, record, failure);
    }

    /**
     * A consumer of records of {@code type}, each carrying its message id.
     *
     * @param prepare runs in each transaction with the records it applies for the first time, before the first of
     *        them: a place to load or lock what all of them touch in one statement
     */
    public <T> Consumer<Message<List<byte[]>>> of(String name, Class<T> type, Function<T, UUID> id,
            Consumer<List<T>> prepare, Consumer<T> apply, Failed failed) {
        Batches.Applier<T> applier = new Batches.Applier<>() {
            @Override
            public List<Received<T>> begin(List<Received<T>> records) {
                Set<UUID> first = inbox.firstDeliveries(records.stream().map(record -> id.apply(record.payload()))
                        .toList());
                // a message sent twice into one poll is applied once: the first of its copies
                List<Received<T>> firstDeliveries = records.stream()
                        .filter(record -> first.remove(id.apply(record.payload())))
                        .toList();
                prepare.accept(firstDeliveries.stream().map(Received::payload).toList());
                return firstDeliveries;
            }

            @Override
            public void apply(T record) {
                apply.accept(record);
            }
        };
        return untilStored(poll -> {
            List<Received<byte[]>> received = Received.of(poll);
            List<Received<T>> readable = new ArrayList<>(received.size());
            List<Received<byte[]>> raw = new ArrayList<>(received.size());
            for (Received<byte[]> record : received) {
                T read;
                try {
                    read = json.readValue(record.payload(), type);
                } catch (JacksonException unreadable) {
                    failed.accept(record, unreadable);
                    continue;
                }
                if (read == null || id.apply(read) == null) {
                    failed.accept(record, new IllegalArgumentException(type.getSimpleName() + " without an id"));
                    continue;
                }
                readable.add(record.with(read));
                raw.add(record);
            }
            if (!readable.isEmpty()) {
                batches.apply(name, readable, applier, (index, record, failure) -> failed.accept(raw.get(index),
                        failure));
            }
        });
    }
}
