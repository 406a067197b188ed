package io.tocsin.ingest.publish;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.ingest.IngestProperties;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes alerts to Kafka and returns only once the broker acknowledged them: the binding is
 * synchronous with acks=all and an idempotent producer (see ingest.yml), so a 202 means stored.
 * Each send is timed as {@code tocsin.ingest.publish} with outcome stored or failed.
 * <p>
 * The event is written as JSON here, on the request's own thread, and the binding hands those bytes to Kafka as they
 * are ({@code use-native-encoding}). Left to the binder, the conversion (Spring Cloud Function's message conversion
 * around the same Jackson call, 8 % of a request's CPU samples) runs inside {@link StreamBridge#send} under one lock
 * all sends share, so concurrent requests queued for it.
 */
@Component
public class AlertPublisher {

    static final String BINDING = "alerts-out";
    private static final Logger log = LoggerFactory.getLogger(AlertPublisher.class);

    private final StreamBridge streamBridge;
    private final JsonMapper json;
    private final Duration timeout;
    // the request's trace goes with the send, so the record carries the monitor's trace id
    private final ExecutorService sender = ContextExecutorService.wrap(Executors.newVirtualThreadPerTaskExecutor(),
            ContextSnapshotFactory.builder().build()::captureAll);
    private final Timer stored;
    private final Timer failed;

    AlertPublisher(StreamBridge streamBridge, JsonMapper json, MeterRegistry registry, IngestProperties properties) {
        this.streamBridge = streamBridge;
        this.json = json;
        this.timeout = properties.publishTimeout();
        this.stored = timer(registry, "stored");
        this.failed = timer(registry, "failed");
    }

    private static Timer timer(MeterRegistry registry, String outcome) {
        return Timer.builder("tocsin.ingest.publish")
                .description("Time until Kafka acknowledged (or refused) an alert")
                .tag("outcome", outcome)
                .register(registry);
    }

    /** Stores the event in Kafka or throws {@link AlertNotStored}. */
    public void publish(AlertEvent event) {
        var message = MessageBuilder.withPayload(json.writeValueAsBytes(event))
                .setHeader(KafkaHeaders.KEY, event.key().getBytes(StandardCharsets.UTF_8))
                .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
                .build();
        long start = System.nanoTime();
        boolean sent;
        // The producer's own timeouts (ingest.yml) bound a send once the binding exists, but the binder creates
        // it on the first send and provisions the topic with a fixed 30 s admin timeout: with Kafka away that
        // would outlast a monitor's request timeout. So the wait is bounded here; a send still running after it
        // may yet store the event, which a retrying monitor then repeats under the same dedup key: never a 202
        // for an event that was not stored.
        Future<Boolean> sending = sender.submit(() -> streamBridge.send(BINDING, message));
        try {
            sent = sending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            sending.cancel(true);
            failed.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            throw new AlertNotStored(e instanceof TimeoutException
                    ? "Kafka did not acknowledge the event within " + timeout : "Kafka did not acknowledge the event",
                    e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            sending.cancel(true);
            Thread.currentThread().interrupt();
            throw new AlertNotStored("Interrupted while Kafka stored the event", e);
        }
        (sent ? stored : failed).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        if (!sent) {
            throw new AlertNotStored("Kafka did not accept the event", null);
        }
        // debug, not info: a storm would write a line per alert here, and routing logs what each alert did to its
        // incident (triggered, joined, resolved) under the same trace; accepted events are counted either way
        log.debug("alert={} action={} service={} dedup={} stored", event.id(), event.action(), event.serviceId(),
                event.dedupKey());
    }

    @PreDestroy
    void close() {
        sender.shutdownNow();
    }
}
