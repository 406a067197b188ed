package io.tocsin.notifier.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on 127.0.0.1 that checks posts the way a receiver should: the signature over the timestamp and
 * the raw body, with the secret it shares with Tocsin, and the timestamp within five minutes. Unsigned or badly signed
 * posts get 401; the next answers can be scripted (a status and headers) to play a busy or broken receiver.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** A post that reached the receiver: its headers, raw body, and whether its signature held. */
    public record Post(Map<String, List<String>> headers, String body, boolean signatureValid) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private record Answer(int status, Map<String, String> headers) {
    }

    private final String secret;
    private final HttpServer server;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Queue<Answer> scripted = new ConcurrentLinkedQueue<>();

    public WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Post> posts() {
        return List.copyOf(posts);
    }

    /** The next post is answered with this status and headers, whatever it carries. */
    void answerNext(int status, Map<String, String> headers) {
        scripted.add(new Answer(status, headers));
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        boolean valid = verified(exchange.getRequestHeaders().getFirst("X-Tocsin-Signature"), body);
        posts.add(new Post(Map.copyOf(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8), valid));
        Answer answer = scripted.poll();
        if (answer == null) {
            answer = new Answer(valid ? 204 : 401, Map.of());
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(answer.status(), -1);
        exchange.close();
    }

    /** What a receiver does: split t= and v1=, refuse stale times, compare HMACs in constant time. */
    private boolean verified(String header, byte[] body) {
        if (header == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                t = kv[1];
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t == null || v1 == null
                || Duration.between(Instant.ofEpochSecond(Long.parseLong(t)), Instant.now()).abs().toMinutes() >= 5) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
