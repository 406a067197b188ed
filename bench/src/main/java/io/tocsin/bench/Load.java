package io.tocsin.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * HTTP load over the JDK client on virtual threads: open loop (a fixed arrival rate, latency counted from each
 * request's intended send time, as wrk2 does, so a stalled server cannot hide its queue) and closed loop (a fixed
 * number of connections as fast as the server answers, for saturation throughput).
 */
public final class Load {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** How long a retrying sender keeps trying one request, from its first attempt. */
    private static final Duration RETRY_PATIENCE = Duration.ofMinutes(2);

    private final HttpClient client;
    private final int maxInFlight;

    public Load(int maxInFlight) {
        this.maxInFlight = maxInFlight;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    public HttpClient client() {
        return client;
    }

    /**
     * What one run got back; {@code ok} counts the expected status, {@code latency} holds those answers, in µs;
     * {@code retried} counts the 429s and 503s a retrying run answered by sending again.
     */
    record Result(String name, double offeredRate, long sent, long ok, long tooMany, long unavailable, long other,
            long errors, long retried, Histogram latency, double seconds, long startNanos, long periodNanos,
            AtomicLongArray okSeqs) {

        double okRate() {
            return seconds > 0 ? ok / seconds : 0;
        }

        /** When request {@code seq} of an open-loop run was meant to go out (System.nanoTime). */
        long intendedNanos(long seq) {
            return startNanos + seq * periodNanos;
        }

        boolean accepted(long seq) {
            return (okSeqs.get((int) (seq >> 6)) & (1L << (seq & 63))) != 0;
        }
    }

    /**
     * Sends {@code rate} requests a second for {@code duration}, at most {@code maxInFlight} at once (a request waiting
     * for a slot is late, and its latency says so).
     */
    Result openLoop(String name, double rate, Duration duration, LongFunction<HttpRequest> request, int okStatus) {
        return openLoop(name, rate, duration, request, okStatus, false);
    }

    /**
     * {@link #openLoop}, each request answered 429 or 503 with a Retry-After sent again after that wait, as a monitor
     * that retries does (for up to two minutes): what such a monitor's alert costs when it is told to come back.
     * Latency is still counted from the first attempt's intended send time.
     */
    Result openLoopRetrying(String name, double rate, Duration duration, LongFunction<HttpRequest> request,
            int okStatus) {
        return openLoop(name, rate, duration, request, okStatus, true);
    }

    private Result openLoop(String name, double rate, Duration duration, LongFunction<HttpRequest> request,
            int okStatus, boolean retrying) {
        long count = Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
        long period = Math.round(1e9 / rate);
        Counts counts = new Counts(count);
        Semaphore slots = new Semaphore(maxInFlight);
        long start = System.nanoTime() + Duration.ofMillis(20).toNanos();
        AtomicLong lastDone = new AtomicLong(start);
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long seq = 0; seq < count; seq++) {
                long intended = start + seq * period;
                parkUntil(intended);
                slots.acquireUninterruptibly();
                long s = seq;
                senders.execute(() -> {
                    try {
                        HttpRequest r = request.apply(s);
                        counts.record(s, retrying ? sendRetrying(r, counts.retried) : send(r), okStatus, intended);
                    } finally {
                        lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                        slots.release();
                    }
                });
            }
        }
        return counts.result(name, rate, (lastDone.get() - start) / 1e9, start, period);
    }

    /** {@code connections} senders, each sending its next request when the last one is answered, for {@code duration}. */
    Result closedLoop(String name, int connections, Duration duration, LongFunction<HttpRequest> request, int okStatus) {
        AtomicLong next = new AtomicLong();
        Counts counts = new Counts(0);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < connections; c++) {
                senders.execute(() -> {
                    while (System.nanoTime() < end) {
                        long seq = next.getAndIncrement();
                        long sentAt = System.nanoTime();
                        counts.record(seq, send(request.apply(seq)), okStatus, sentAt);
                    }
                });
            }
        }
        return counts.result(name, 0, (System.nanoTime() - start) / 1e9, start, 0);
    }

    /** Returns at {@code due} (System.nanoTime), not before. */
    static void parkUntil(long due) {
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    /** The status code, or -1 when no answer came (refused, reset, timed out). */
    public int send(HttpRequest request) {
        return exchange(request).map(HttpResponse::statusCode).orElse(-1);
    }

    /** Sends until the answer is not a 429 or 503 with a Retry-After, waiting as each asks; the last status. */
    private int sendRetrying(HttpRequest request, LongAdder retried) {
        long deadline = System.nanoTime() + RETRY_PATIENCE.toNanos();
        while (true) {
            Optional<HttpResponse<Void>> response = exchange(request);
            int status = response.map(HttpResponse::statusCode).orElse(-1);
            Optional<Long> wait = response.filter(r -> r.statusCode() == 429 || r.statusCode() == 503)
                    .flatMap(r -> r.headers().firstValue("Retry-After")).map(Long::valueOf);
            if (wait.isEmpty() || System.nanoTime() > deadline) {
                return status;
            }
            retried.increment();
            try {
                Thread.sleep(Duration.ofSeconds(wait.get()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
        }
    }

    private Optional<HttpResponse<Void>> exchange(HttpRequest request) {
        try {
            return Optional.of(client.send(request, HttpResponse.BodyHandlers.discarding()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT);
    }

    public static HttpRequest postJson(String url, String json) {
        return request(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** Tallies answers by kind; the latency of answers with the expected status goes into the histogram. */
    private static final class Counts {
        private final LongAdder sent = new LongAdder();
        private final LongAdder ok = new LongAdder();
        private final LongAdder tooMany = new LongAdder();
        private final LongAdder unavailable = new LongAdder();
        private final LongAdder other = new LongAdder();
        private final LongAdder errors = new LongAdder();
        private final LongAdder retried = new LongAdder();
        private final Histogram latency = new ConcurrentHistogram(Duration.ofMinutes(10).toNanos() / 1000, 3);
        private final AtomicLongArray okSeqs;

        Counts(long expected) {
            okSeqs = new AtomicLongArray((int) (expected / 64 + 1));
        }

        void record(long seq, int status, int okStatus, long fromNanos) {
            long micros = Math.max(1, (System.nanoTime() - fromNanos) / 1000);
            sent.increment();
            if (status == okStatus) {
                ok.increment();
                latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
                if (seq < okSeqs.length() * 64L) {
                    okSeqs.getAndAccumulate((int) (seq >> 6), 1L << (seq & 63), (a, b) -> a | b);
                }
            } else if (status == 429) {
                tooMany.increment();
            } else if (status == 503) {
                unavailable.increment();
            } else if (status < 0) {
                errors.increment();
            } else {
                other.increment();
            }
        }

        Result result(String name, double rate, double seconds, long start, long period) {
            return new Result(name, rate, sent.sum(), ok.sum(), tooMany.sum(), unavailable.sum(), other.sum(),
                    errors.sum(), retried.sum(), latency, seconds, start, period, okSeqs);
        }
    }
}
