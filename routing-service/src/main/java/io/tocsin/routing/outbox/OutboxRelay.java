package io.tocsin.routing.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.routing.Worker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.MimeTypeUtils;

/**
 * Publishes outbox rows in id order and deletes them once Kafka acknowledged. One relay at a time
 * across all routing instances (a transaction-scoped advisory lock), so order per key holds.
 * A crash between send and delete repeats the send; consumers drop repeats by message id.
 */
@Component
class OutboxRelay extends Worker {

    private static final long ADVISORY_LOCK = 0x70C5_0B0AL;
    private static final int BATCH = 200;
    private static final long IDLE_POLL_MILLIS = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final StreamBridge streamBridge;
    private final Semaphore wakeUp = new Semaphore(0);

    OutboxRelay(JdbcClient jdbc, TransactionTemplate tx, StreamBridge streamBridge, MeterRegistry meters) {
        super("outbox-relay");
        this.jdbc = jdbc;
        this.tx = tx;
        this.streamBridge = streamBridge;
        Gauge.builder("tocsin.outbox.backlog", this::backlog)
                .description("Messages written by routing and not yet published to Kafka")
                .register(meters);
    }

    void wake() {
        wakeUp.release();
    }

    @Override
    protected void round() throws InterruptedException {
        if (relayBatch() < BATCH) {
            wakeUp.tryAcquire(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            wakeUp.drainPermits();
        }
    }

    private int relayBatch() {
        Integer relayed = tx.execute(status -> {
            boolean mine = jdbc.sql("select pg_try_advisory_xact_lock(:lock)")
                    .param("lock", ADVISORY_LOCK)
                    .query(Boolean.class)
                    .single();
            if (!mine) {
                return 0;
            }
            List<Row> rows = jdbc.sql("select id, binding, message_key, payload from outbox order by id limit :batch")
                    .param("batch", BATCH)
                    .query(Row.class)
                    .list();
            for (Row row : rows) {
                streamBridge.send(row.binding(), MessageBuilder.withPayload(row.payload().getBytes(StandardCharsets.UTF_8))
                        .setHeader(KafkaHeaders.KEY, row.messageKey().getBytes(StandardCharsets.UTF_8))
                        .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
                        .build());
            }
            if (!rows.isEmpty()) {
                // by id, not by range: a row committed after the select must wait for the next batch
                jdbc.sql("delete from outbox where id in (:ids)")
                        .param("ids", rows.stream().map(Row::id).toList())
                        .update();
            }
            return rows.size();
        });
        return relayed == null ? 0 : relayed;
    }

    private long backlog() {
        return jdbc.sql("select count(*) from outbox").query(Long.class).single();
    }

    record Row(long id, String binding, String messageKey, String payload) {
    }
}
