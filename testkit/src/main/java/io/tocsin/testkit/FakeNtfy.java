package io.tocsin.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for an ntfy server's JSON publishing ({@code POST /} with the topic in the body), checking requests
 * as ntfy's docs describe them: a topic of letters, digits, _ and - (at most 64), priority 1-5, at most three actions,
 * each {@code view} or {@code http} (or {@code broadcast}, {@code copy}) with a label and, for view and http, a URL;
 * a protected topic takes only {@code Authorization: Bearer} with its token (401 without one, 403 with another).
 * It can answer 429 with a Retry-After for the next publishes.
 */
public final class FakeNtfy implements AutoCloseable {

    /** One action button of a published message; {@code method} null for ntfy's default (POST) or a view. */
    public record Action(String action, String label, String url, String method, boolean clear) {
    }

    /** A message ntfy accepted; {@code authorization} the header it came with, or null. */
    public record Published(String id, String topic, String title, String message, int priority, List<String> tags,
            String click, List<Action> actions, String authorization) {

        /** The action with this label. */
        public Action action(String label) {
            return actions.stream().filter(a -> a.label().equals(label)).findFirst()
                    .orElseThrow(() -> new AssertionError("no action " + label + " in " + actions));
        }
    }

    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> ACTIONS = Set.of("view", "http", "broadcast", "copy");

    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final InjectedFailures<Duration> rateLimits = new InjectedFailures<>();
    private final WireMockServer server;

    public FakeNtfy() {
        server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .disableRequestJournal()
                .extensions(new Api()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse()));
    }

    /** The server's root, e.g. http://127.0.0.1:4711. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The URL people subscribe to and a PUSH contact method names. */
    public String topicUrl(String topic) {
        return baseUrl() + "/" + topic;
    }

    /** Makes the topic protected: publishing needs {@code Authorization: Bearer <token>}. */
    public void protect(String topic, String token) {
        tokens.put(topic, token);
    }

    /** The next {@code count} publishes are refused with 429 and this Retry-After (in seconds). */
    public void rateLimitNext(int count, Duration retryAfter) {
        rateLimits.failNext(count, retryAfter);
    }

    /** Messages published so far, oldest first. */
    public List<Published> published() {
        return List.copyOf(published);
    }

    /** Messages published to a topic, oldest first. */
    public List<Published> publishedTo(String topic) {
        return published.stream().filter(p -> p.topic().equals(topic)).toList();
    }

    /** Forgets published messages, protected topics and pending rate limits. */
    public void reset() {
        published.clear();
        tokens.clear();
        rateLimits.clear();
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Api implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return "fake-ntfy";
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            return answer(serveEvent.getRequest()).build();
        }

        private ResponseDefinitionBuilder answer(Request request) {
            String path = request.getUrl().split("\\?", 2)[0];
            if (!RequestMethod.POST.equals(request.getMethod()) && !RequestMethod.PUT.equals(request.getMethod())
                    || !path.equals("/")) {
                return error(404, 40401, "page not found (this fake takes JSON publishing: POST /)");
            }
            JsonNode body;
            try {
                body = JsonMapper.shared().readTree(request.getBodyAsString());
            } catch (RuntimeException e) {
                return error(400, 40024, "invalid request: request body must be message JSON");
            }
            String topic = body.path("topic").asString("");
            if (!TOPIC.matcher(topic).matches()) {
                return error(400, 40009, "invalid request: topic invalid");
            }
            String required = tokens.get(topic);
            String authorization = request.getHeader("Authorization");
            if (required != null && authorization == null) {
                return error(401, 40101, "unauthorized");
            }
            if (required != null && !("Bearer " + required).equals(authorization)) {
                return error(403, 40301, "forbidden");
            }
            int priority = body.path("priority").asInt(3);
            if (body.has("priority") && (!body.get("priority").isInt() || priority < 1 || priority > 5)) {
                return error(400, 40007, "invalid request: priority invalid");
            }
            List<Action> actions = new ArrayList<>();
            JsonNode given = body.path("actions");
            if (!given.isMissingNode() && !given.isArray() || given.size() > 3) {
                return error(400, 40018, "invalid request: actions invalid (at most 3)");
            }
            for (JsonNode action : given) {
                String type = action.path("action").asString("");
                String label = action.path("label").asString("");
                String url = action.path("url").asString(null);
                if (!ACTIONS.contains(type) || label.isBlank()
                        || (type.equals("view") || type.equals("http")) && (url == null || !url.matches("https?://.+"))) {
                    return error(400, 40018, "invalid request: action invalid: " + action);
                }
                actions.add(new Action(type, label, url, action.path("method").asString(null),
                        action.path("clear").asBoolean(false)));
            }
            Duration limited = rateLimits.take();
            if (limited != null) {
                return error(429, 42901, "limit reached: too many requests")
                        .withHeader("Retry-After", String.valueOf(limited.toSeconds()));
            }
            List<String> tags = new ArrayList<>();
            body.path("tags").forEach(tag -> tags.add(tag.asString()));
            String id = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
            String message = body.path("message").asString("triggered");
            published.add(new Published(id, topic, body.path("title").asString(null), message, priority,
                    List.copyOf(tags), body.path("click").asString(null), List.copyOf(actions), authorization));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("id", id);
            answer.put("time", Instant.now().getEpochSecond());
            answer.put("expires", Instant.now().plus(Duration.ofHours(12)).getEpochSecond());
            answer.put("event", "message");
            answer.put("topic", topic);
            answer.put("message", message);
            return json(200, answer);
        }

        private static ResponseDefinitionBuilder error(int status, int code, String error) {
            return json(status, Map.of("code", code, "http", status, "error", error,
                    "link", "https://ntfy.sh/docs/publish/"));
        }

        private static ResponseDefinitionBuilder json(int status, Map<String, Object> body) {
            return aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(JsonMapper.shared().writeValueAsString(body));
        }
    }
}
