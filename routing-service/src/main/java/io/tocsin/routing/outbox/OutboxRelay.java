package io.tocsin.routing.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.tocsin.routing.Worker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.MimeTypeUtils;

/**
 * Publishes outbox rows and deletes them once Kafka acknowledged. One relay at a time across all routing instances
 * (a transaction-scoped advisory lock). Rows with the same key go out one after the other in id order, different keys
 * at the same time, so the producer puts many of them in one request (one broker write and flush) while order per
 * key holds. A row Kafka refused stays, and so do the rows after it with its key; the rest of the batch is deleted.
 * A crash between send and delete repeats the send; consumers drop repeats by message id.
 */
@Component
class OutboxRelay extends Worker {

    /** The W3C trace context header, as {@link Outbox} stores it with a row. */
    static final String TRACE_PARENT = "traceparent";
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long ADVISORY_LOCK = 0x70C5_0B0AL;
    private static final int BATCH = 200;
    private static final long IDLE_POLL_MILLIS = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final StreamBridge streamBridge;
    private final Tracer tracer;
    private final Propagator propagator;
    private final Semaphore wakeUp = new Semaphore(0);

    OutboxRelay(JdbcClient jdbc, TransactionTemplate tx, StreamBridge streamBridge, MeterRegistry meters,
            Tracer tracer, Propagator propagator) {
        super("outbox-relay");
        this.jdbc = jdbc;
        this.tx = tx;
        this.streamBridge = streamBridge;
        this.tracer = tracer;
        this.propagator = propagator;
        Gauge.builder("tocsin.outbox.backlog", this::backlog)
                .description("Messages written by routing and not yet published to Kafka")
                .register(meters);
    }

    void wake() {
        wakeUp.release();
    }

    @Override
    protected void round() throws InterruptedException {
        Relayed relayed = relayBatch();
        if (relayed.refused() > 0) {
            // the Worker pauses before the next round: Kafka is away or refuses a row, no need to spin
            throw new IllegalStateException(relayed.refused() + " outbox message(s) not published; they stay for"
                    + " the next round (" + relayed.published() + " published)");
        }
        if (relayed.published() < BATCH) {
            wakeUp.tryAcquire(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            wakeUp.drainPermits();
        }
    }

    private Relayed relayBatch() {
        Relayed relayed = tx.execute(status -> {
            // the lock and the rows in one statement: the uncorrelated subquery is evaluated once, before the outbox
            // is read, and no row comes back while another instance holds the lock
            List<Row> rows = jdbc.sql("""
                            select id, binding, message_key, payload, trace_parent from outbox
                            where (select pg_try_advisory_xact_lock(:lock)) order by id limit :batch
                            """)
                    .param("lock", ADVISORY_LOCK)
                    .param("batch", BATCH)
                    .query(Row.class)
                    .list();
            Map<String, List<Row>> byKey = new LinkedHashMap<>();
            rows.forEach(row -> byKey.computeIfAbsent(row.messageKey(), key -> new ArrayList<>()).add(row));
            Queue<Long> published = new ConcurrentLinkedQueue<>();
            AtomicInteger refused = new AtomicInteger();
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                byKey.values().forEach(sameKey -> senders.submit(() -> {
                    for (Row row : sameKey) {
                        if (!publish(row)) {
                            refused.incrementAndGet();
                            return;
                        }
                        published.add(row.id());
                    }
                }));
            }
            if (!published.isEmpty()) {
                // by id, not by range: a row committed after the select must wait for the next batch
                jdbc.sql("delete from outbox where id in (:ids)")
                        .param("ids", List.copyOf(published))
                        .update();
            }
            return new Relayed(published.size(), refused.get());
        });
        return relayed == null ? new Relayed(0, 0) : relayed;
    }

    /**
     * Sends one row and waits for Kafka's acknowledgement (the bindings are synchronous); false if refused. The send
     * is a span of the trace that wrote the row, so the record carries that trace on to its consumers.
     */
    private boolean publish(Row row) {
        if (row.traceParent() == null) {
            return send(row);
        }
        Span span = propagator.extract(Map.of(TRACE_PARENT, row.traceParent()), Map::get).name("outbox publish")
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return send(row);
        } finally {
            span.end();
        }
    }

    private boolean send(Row row) {
        try {
            if (streamBridge.send(row.binding(), MessageBuilder.withPayload(row.payload().getBytes(StandardCharsets.UTF_8))
                    .setHeader(KafkaHeaders.KEY, row.messageKey().getBytes(StandardCharsets.UTF_8))
                    .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
                    .build())) {
                return true;
            }
            log.warn("outbox={} binding={} key={} not accepted by Kafka; it and the later messages with its key stay",
                    row.id(), row.binding(), row.messageKey());
        } catch (RuntimeException e) {
            log.warn("outbox={} binding={} key={} not published, it and the later messages with its key stay: {}",
                    row.id(), row.binding(), row.messageKey(), e.toString());
        }
        return false;
    }

    private long backlog() {
        return jdbc.sql("select count(*) from outbox").query(Long.class).single();
    }

    record Row(long id, String binding, String messageKey, String payload, String traceParent) {
    }

    private record Relayed(int published, int refused) {
    }
}
