package io.tocsin.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side of a fake read-only REST API of another on-call tool: JSON answers to GETs, the tool's authorization
 * header checked (401 otherwise), and every {@code rateLimitEvery}th request refused with 429 and {@code Retry-After},
 * as the tools do past their rate limits. Subclasses answer the paths.
 */
abstract class FakeRestApi implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final int rateLimitEvery;
    private final String authorization;

    FakeRestApi(int rateLimitEvery, String authorization) {
        this.rateLimitEvery = rateLimitEvery;
        this.authorization = authorization;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** The answer to GET {@code path}, or null for a 404. */
    abstract Object answer(String path, Map<String, String> query);

    /**
     * A calendar feed at {@code path} (text/calendar), or null: feeds live on other hosts than the tool's API, so
     * they take neither its authorization nor its rate limit.
     */
    String feed(String path) {
        return null;
    }

    /** The tool's error body. */
    abstract Object error(int status, String message);

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests were refused with 429. */
    public int rateLimited() {
        return rateLimited.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String feed = feed(exchange.getRequestURI().getPath());
            if (feed != null) {
                byte[] bytes = feed.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/calendar; charset=utf-8");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                return;
            }
            if (rateLimitEvery > 0 && requests.incrementAndGet() % rateLimitEvery == 0) {
                rateLimited.incrementAndGet();
                exchange.getResponseHeaders().add("Retry-After", "1");
                send(exchange, 429, error(429, "Rate Limit Exceeded"));
                return;
            }
            if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, error(401, "Invalid Credentials"));
                return;
            }
            Object answer = answer(exchange.getRequestURI().getPath(), query(exchange.getRequestURI().getRawQuery()));
            send(exchange, answer == null ? 404 : 200, answer == null ? error(404, "Not Found") : answer);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** A JSON object whose fields keep their order; null values are kept, as the tools show them. */
    static Map<String, Object> object(Object... fields) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            object.put((String) fields[i], fields[i + 1]);
        }
        return object;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
