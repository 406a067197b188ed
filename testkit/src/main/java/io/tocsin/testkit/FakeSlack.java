package io.tocsin.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for Slack's Web API methods {@code chat.postMessage} and {@code chat.update}, answering as
 * slack.com does: HTTP 200 with {@code "ok": false} and an error name for rejected calls; and for the
 * {@code response_url}s of interactions (hooks.slack.com/actions/…), which take an app's ephemeral answers.
 * It also holds the app's signing secret, with which Slack signs the interactions it sends the app.
 */
public final class FakeSlack implements AutoCloseable {

    /** A message as the client sent it: the channel as given, the message's ts, its text and its blocks as JSON. */
    public record SlackPost(String channel, String ts, String text, String blocks) {
    }

    /** What an app posted to a {@code response_url}: its response type ("ephemeral"), text and whether it replaces the message. */
    public record SlackResponse(String url, String responseType, String text, boolean replaceOriginal) {
    }

    private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{8,}");

    private final String botToken = "xoxb-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private final String botId = "B" + HexFormat.of().withUpperCase().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final String signingSecret = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private final List<SlackResponse> responses = new CopyOnWriteArrayList<>();
    private final List<SlackPost> posts = new CopyOnWriteArrayList<>();
    private final List<SlackPost> updates = new CopyOnWriteArrayList<>();
    private final Map<String, String> channelIdsByName = new ConcurrentHashMap<>();
    private final Set<String> postedMessages = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sequence = new AtomicInteger();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final WireMockServer server;

    public FakeSlack() {
        server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .disableRequestJournal()
                .extensions(new Api()));
        server.start();
        server.stubFor(any(urlPathMatching("/api/.*")).willReturn(aResponse()));
        server.stubFor(any(urlPathMatching("/actions/.*")).willReturn(aResponse()));
    }

    /** The bot token (xoxb-…) the fake accepts as {@code Authorization: Bearer}. */
    public String botToken() {
        return botToken;
    }

    /** The Web API method endpoint base to give the Slack SDK, e.g. {@code http://127.0.0.1:PORT/api/}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/api/";
    }

    /** The Slack app's signing secret: Slack signs each request it sends the app with it (X-Slack-Signature). */
    public String signingSecret() {
        return signingSecret;
    }

    /** A new {@code response_url} as Slack puts in an interaction's payload; what is posted to it is kept. */
    public String responseUrl() {
        return "http://127.0.0.1:" + server.port() + "/actions/T0TOCSIN01/" + sequence.incrementAndGet() + "/"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    /** What was posted to response URLs, oldest first. */
    public List<SlackResponse> responses() {
        return List.copyOf(responses);
    }

    /** Messages accepted by chat.postMessage, oldest first. */
    public List<SlackPost> posts() {
        return List.copyOf(posts);
    }

    /** Changes accepted by chat.update, oldest first; {@code ts} names the message changed. */
    public List<SlackPost> updates() {
        return List.copyOf(updates);
    }

    /**
     * Makes the next {@code count} otherwise valid calls fail with this HTTP status and Slack error, e.g.
     * {@code (1, 429, "ratelimited")} (sent with Retry-After: 1) or {@code (1, 200, "channel_not_found")}.
     */
    public void failNext(int count, int httpStatus, String error) {
        synchronized (failures) {
            for (int i = 0; i < count; i++) {
                failures.add(new Failure(httpStatus, error));
            }
        }
    }

    /** Forgets accepted messages and pending failures; the token stays the same. */
    public void reset() {
        posts.clear();
        updates.clear();
        responses.clear();
        postedMessages.clear();
        synchronized (failures) {
            failures.clear();
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    private record Failure(int httpStatus, String error) {
    }

    /** Answers every request under /api/. */
    private final class Api implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return "fake-slack";
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            return answer(serveEvent.getRequest()).build();
        }

        private ResponseDefinitionBuilder answer(Request request) {
            if (request.getUrl().startsWith("/actions/")) {
                return respond(request);
            }
            String method = request.getUrl().split("\\?", 2)[0].substring("/api/".length());
            boolean update = method.equals("chat.update");
            if (!update && !method.equals("chat.postMessage")) {
                return error("unknown_method");
            }
            String authorization = request.getHeader("Authorization");
            if (authorization == null || authorization.isBlank()) {
                return error("not_authed");
            }
            if (!authorization.equals("Bearer " + botToken)) {
                return error("invalid_auth");
            }
            Map<String, Object> arguments;
            try {
                arguments = arguments(request);
            }
            catch (JacksonException e) {
                return error("invalid_json");
            }
            String channel = text(arguments.get("channel"));
            String text = text(arguments.get("text"));
            String blocks;
            try {
                blocks = blocks(arguments.get("blocks"));
            }
            catch (JacksonException | IllegalArgumentException e) {
                return error("invalid_blocks");
            }
            if (channel == null) {
                return error("channel_not_found");
            }
            if (text == null && blocks == null) {
                return error("no_text");
            }
            String channelId = channelId(channel);
            String ts = update ? text(arguments.get("ts")) : nextTs();
            if (update && (ts == null || !postedMessages.contains(channelId + "/" + ts))) {
                return error("message_not_found");
            }
            Failure failure = nextFailure();
            if (failure != null) {
                ResponseDefinitionBuilder response = json(failure.httpStatus(), Map.of("ok", false, "error", failure.error()));
                return failure.httpStatus() == 429 ? response.withHeader("Retry-After", "1") : response;
            }
            SlackPost post = new SlackPost(channel, ts, text, blocks);
            if (update) {
                updates.add(post);
            }
            else {
                postedMessages.add(channelId + "/" + ts);
                posts.add(post);
            }

            Map<String, Object> message = new LinkedHashMap<>();
            message.put("type", "message");
            message.put("subtype", "bot_message");
            message.put("text", text == null ? "" : text);
            message.put("ts", ts);
            message.put("bot_id", botId);
            if (blocks != null) {
                message.put("blocks", JsonMapper.shared().readValue(blocks, List.class));
            }
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("ok", true);
            response.put("channel", channelId);
            response.put("ts", ts);
            if (update) {
                response.put("text", text == null ? "" : text);
            }
            response.put("message", message);
            return json(200, response);
        }

        /** A response URL takes a JSON message and answers a bare "ok"; it needs no token, the URL is the secret. */
        @SuppressWarnings("unchecked")
        private ResponseDefinitionBuilder respond(Request request) {
            Map<String, Object> message;
            try {
                message = JsonMapper.shared().readValue(request.getBodyAsString(), Map.class);
            }
            catch (JacksonException e) {
                return aResponse().withStatus(400).withBody("invalid_payload");
            }
            String text = text(message.get("text"));
            if (text == null && message.get("blocks") == null) {
                return aResponse().withStatus(400).withBody("no_text");
            }
            String url = "http://127.0.0.1:" + server.port() + request.getUrl();
            responses.add(new SlackResponse(url, text(message.get("response_type")), text,
                    Boolean.TRUE.equals(message.get("replace_original"))));
            return aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("ok");
        }

        /** Slack takes the same arguments as a JSON object or as form fields. */
        @SuppressWarnings("unchecked")
        private static Map<String, Object> arguments(Request request) {
            String contentType = request.getHeader("Content-Type");
            if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                return JsonMapper.shared().readValue(request.getBodyAsString(), Map.class);
            }
            Map<String, Object> arguments = new LinkedHashMap<>();
            request.formParameters().forEach((name, value) -> arguments.put(name, value.firstValue()));
            return arguments;
        }

        private static String text(Object value) {
            return value == null || value.toString().isEmpty() ? null : value.toString();
        }

        /** Blocks arrive as a JSON array, or as its text in a form field; either way they must be an array. */
        private static String blocks(Object value) {
            if (value == null) {
                return null;
            }
            String json = value instanceof String text ? text : JsonMapper.shared().writeValueAsString(value);
            if (!(JsonMapper.shared().readValue(json, Object.class) instanceof List)) {
                throw new IllegalArgumentException("blocks must be a JSON array");
            }
            return json;
        }

        private String channelId(String channel) {
            if (CHANNEL_ID.matcher(channel).matches()) {
                return channel;
            }
            return channelIdsByName.computeIfAbsent(channel,
                    name -> "C" + HexFormat.of().withUpperCase().toHexDigits(ThreadLocalRandom.current().nextLong()));
        }

        private String nextTs() {
            return "%d.%06d".formatted(Instant.now().getEpochSecond(), sequence.incrementAndGet() % 1_000_000);
        }

        private Failure nextFailure() {
            synchronized (failures) {
                return failures.poll();
            }
        }

        private static ResponseDefinitionBuilder error(String error) {
            return json(200, Map.of("ok", false, "error", error));
        }

        private static ResponseDefinitionBuilder json(int status, Map<String, Object> body) {
            return aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(JsonMapper.shared().writeValueAsString(body));
        }
    }
}
