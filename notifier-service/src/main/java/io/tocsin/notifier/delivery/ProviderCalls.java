package io.tocsin.notifier.delivery;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Where every provider call is made: each on a virtual thread of its own, at most
 * {@code tocsin.notifier.provider-concurrency} at once per channel, so that one slow answer holds up no other page.
 * The page is stored as being sent, with its lease, before it comes here; the call stores its outcome after.
 */
@Component
class ProviderCalls implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProviderCalls.class);

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Channel, Semaphore> slots;
    private final Tracer tracer;
    private volatile boolean running;

    ProviderCalls(ProviderCallProperties properties, Tracer tracer) {
        this.tracer = tracer;
        // fair: a page waits behind the calls already queued for its provider, never indefinitely
        slots = Arrays.stream(Channel.values()).collect(Collectors.toMap(Function.identity(),
                channel -> new Semaphore(properties.providerConcurrency(), true)));
    }

    /**
     * Waits for a free slot on the page's provider, then makes {@code call} on a virtual thread and returns. The wait
     * blocks the caller (a Kafka consumer, the due-deliveries poller): pages are not taken on faster than the
     * providers answer, and each page waits for at most the calls queued ahead of it. A page that cannot be started
     * (interrupted, shutting down) or whose call fails stays as stored: its lease runs out and it is sent again, once.
     */
    void start(NotificationRequested page, Runnable call) {
        Semaphore slot = slots.get(page.channel());
        try {
            slot.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("notification={} channel={} not started (interrupted); sent again when its lease runs out",
                    page.id(), page.channel());
            return;
        }
        // the page request's span goes with the call, so the delivery report continues its trace; the span, not the
        // current observation: on a consumer's thread that is a switched-off one (Spring Cloud Function's), a no-op
        Span span = tracer.currentSpan();
        try {
            executor.execute(() -> {
                try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
                    call.run();
                } catch (RuntimeException e) {
                    log.error("notification={} channel={} send failed before its outcome was stored; sent again when"
                            + " its lease runs out", page.id(), page.channel(), e);
                } finally {
                    slot.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slot.release();
            log.warn("notification={} channel={} not started (shutting down); sent again when its lease runs out",
                    page.id(), page.channel());
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * After the consumers and the poller have stopped starting calls, and before the database and Kafka producers
     * go: the calls under way finish and store their outcomes, within the shutdown phase's timeout
     * ({@code spring.lifecycle.timeout-per-shutdown-phase}); one still under way after it is sent again by another
     * instance once its lease runs out.
     */
    @Override
    public void stop(Runnable callback) {
        executor.shutdown();
        Thread.ofVirtual().name("provider-calls-stop").start(() -> {
            stop();
            callback.run();
        });
    }

    @Override
    public void stop() {
        running = false;
        executor.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Between the Kafka consumers and the scheduler (stopped earlier) and the Kafka producers (stopped later). */
    @Override
    public int getPhase() {
        return 0;
    }
}
