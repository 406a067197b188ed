package io.tocsin.bench.faults;

import io.tocsin.bench.Benchmark;
import io.tocsin.bench.Load;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A steady stream of Events API v2 triggers, one every {@code period}, spread over the ingest instances; each on its
 * own virtual thread, so that a slow answer (ingest waiting for Kafka) never delays the next event. Every answer is
 * kept with when the request went out and when it came back: a 202 is an accepted event, owed its pages.
 */
final class Events implements AutoCloseable {

    /** One request: its key, System.nanoTime when sent and answered, and the status (-1: no answer). */
    record Answer(String key, long sentNanos, long answeredNanos, int status) {
    }

    private final Load load;
    private final List<String> enqueueUrls;
    private final String routingKey;
    private final String phase;
    private final Duration period;
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread pacer;
    private volatile boolean running = true;

    private Events(Load load, List<String> enqueueUrls, String routingKey, String phase, Duration period) {
        this.load = load;
        this.enqueueUrls = enqueueUrls;
        this.routingKey = routingKey;
        this.phase = phase;
        this.period = period;
        this.pacer = Thread.ofVirtual().name("events-" + phase).unstarted(this::pace);
    }

    /** Starts sending; keys are "{@code phase}-0", "{@code phase}-1", … */
    static Events start(Load load, List<String> enqueueUrls, String routingKey, String phase, Duration period) {
        Events events = new Events(load, enqueueUrls, routingKey, phase, period);
        events.pacer.start();
        return events;
    }

    private void pace() {
        long start = System.nanoTime();
        for (long seq = 0; running; seq++) {
            long due = start + seq * period.toNanos();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(wait));
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (!running) {
                return;
            }
            int n = next.getAndIncrement();
            String key = phase + "-" + n;
            String url = enqueueUrls.get(n % enqueueUrls.size());
            senders.execute(() -> {
                long sent = System.nanoTime();
                int status = load.send(Load.postJson(url, Benchmark.trigger(routingKey, key)));
                answers.add(new Answer(key, sent, System.nanoTime(), status));
            });
        }
    }

    /** Stops sending and waits for the answers still out. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        pacer.interrupt();
        pacer.join();
        senders.shutdown();
        senders.awaitTermination(2, TimeUnit.MINUTES);
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    Set<String> accepted() {
        return answers.stream().filter(a -> a.status() == 202).map(Answer::key).collect(Collectors.toSet());
    }

    int sent() {
        return next.get();
    }
}
