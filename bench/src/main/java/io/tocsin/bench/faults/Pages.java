package io.tocsin.bench.faults;

import com.sun.net.httpserver.HttpServer;
import io.tocsin.bench.Arrivals;
import io.tocsin.testkit.FakeTwilio;
import io.tocsin.testkit.FakeVonage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every page that reached a provider, counted by event key and recipient: SMS at the fake Twilio and the fake Vonage
 * (the recipient is the phone number, in E.164) and posts to a local webhook receiver (the recipient is
 * {@link #WEBHOOK}).
 */
final class Pages implements AutoCloseable {

    static final String WEBHOOK = "webhook";

    private final Map<String, Map<String, AtomicInteger>> byKey = new ConcurrentHashMap<>();
    private final AtomicInteger unmatched = new AtomicInteger();
    private final HttpServer receiver;
    private volatile long lastPageNanos = System.nanoTime();

    Pages(FakeTwilio twilio, FakeVonage vonage) throws IOException {
        twilio.onMessage(sms -> record(sms.body(), sms.to()));
        // Vonage writes numbers without the plus
        vonage.onMessage(sms -> record(sms.text(), "+" + sms.to()));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                record(JsonMapper.shared().readTree(body.readAllBytes()).path("incident").path("summary").asString(),
                        WEBHOOK);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    /** The webhook contact method's address. */
    String webhookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private void record(String text, String recipient) {
        lastPageNanos = System.nanoTime();
        Matcher key = Arrivals.KEY.matcher(text == null ? "" : text);
        if (!key.find()) {
            unmatched.incrementAndGet();
            return;
        }
        byKey.computeIfAbsent(key.group(1), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(recipient, r -> new AtomicInteger()).incrementAndGet();
    }

    /** Pages so far: event key → recipient → how many. */
    Map<String, Map<String, Integer>> counts() {
        Map<String, Map<String, Integer>> copy = new ConcurrentHashMap<>();
        byKey.forEach((key, recipients) -> {
            Map<String, Integer> counts = new ConcurrentHashMap<>();
            recipients.forEach((recipient, n) -> counts.put(recipient, n.get()));
            copy.put(key, counts);
        });
        return copy;
    }

    /** Pages that carried no event key (bundles, which the harness switches off, would be these). */
    int unmatched() {
        return unmatched.get();
    }

    /** Seconds since the last page arrived. */
    double quietSeconds() {
        return (System.nanoTime() - lastPageNanos) / 1e9;
    }

    @Override
    public void close() {
        receiver.stop(0);
    }
}
