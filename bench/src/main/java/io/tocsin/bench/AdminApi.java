package io.tocsin.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sets Tocsin up for the benchmark through its admin REST API, as an administrator would. */
public final class AdminApi {

    /** A US number libphonenumber accepts as dialable. */
    static final String PHONE = "+12015550123";

    /** The administrator's bearer token the benchmark's Tocsin processes are started with. */
    public static final String ADMIN_TOKEN = "bench-admin-token";

    private final String routingUrl;
    private final HttpClient http;

    AdminApi(Tocsin tocsin, HttpClient http) {
        this(tocsin.routingUrl(""), http);
    }

    /** Against the routing service at {@code routingUrl}, e.g. {@code http://127.0.0.1:8081}. */
    public AdminApi(String routingUrl, HttpClient http) {
        this.routingUrl = routingUrl;
        this.http = http;
    }

    /** The Events API v2 keys of the benchmark's services. */
    record Keys(String e2e, String pending, String lateness, String flapping) {
    }

    /**
     * One user paged by SMS at once for high urgency, and four services paging them: {@code e2e} (one level),
     * {@code pending} (level 2 a day later: every open incident keeps a far-future timer), {@code lateness} (level 2
     * after {@code latenessDelay}) and {@code flapping} (one level: the noisy neighbour's flood goes there, the probes
     * beside it to {@code e2e}). No integration has a rate limit: the benchmark measures Tocsin, not its limiter.
     */
    Keys setUp(String latenessDelay) throws IOException, InterruptedException {
        String user = post("/api/v1/users", Map.of("name", "Bench Responder", "email", "bench@example.org"))
                .path("id").asString();
        String sms = post("/api/v1/users/" + user + "/contact-methods", Map.of("channel", "SMS", "address", PHONE, "verified", true))
                .path("id").asString();
        post("/api/v1/users/" + user + "/notification-rules",
                Map.of("contactMethodId", sms, "urgency", "HIGH", "delay", "PT0S"));
        return new Keys(
                service("bench-e2e", user, "PT30M"),
                service("bench-pending", user, "PT24H", "PT1M"),
                service("bench-lateness", user, latenessDelay, "PT1H"),
                service("bench-flapping", user, "PT30M"));
    }

    /** A service whose policy pages {@code user} at each level, waiting each delay before the next; its key. */
    private String service(String name, String user, String... levelDelays) throws IOException, InterruptedException {
        List<Map<String, Object>> levels = Arrays.stream(levelDelays)
                .<Map<String, Object>>map(delay -> Map.of("delay", delay,
                        "targets", List.of(Map.of("type", "USER", "id", user))))
                .toList();
        String policy = post("/api/v1/escalation-policies",
                Map.of("name", name + " policy", "repeatCount", 0, "levels", levels)).path("id").asString();
        String service = post("/api/v1/services",
                Map.of("name", name, "escalationPolicyId", policy, "urgency", "HIGH")).path("id").asString();
        return post("/api/v1/services/" + service + "/integrations",
                Map.of("type", "EVENTS_V2", "name", name, "settings", Map.of("rate-limit.per-minute", "0")))
                .path("key").asString();
    }

    /** POSTs {@code body} as JSON; the created resource. */
    public JsonNode post(String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(routingUrl + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonMapper.shared().writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JsonMapper.shared().readTree(response.body());
    }

    /** GETs {@code path}; the answer's JSON. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(routingUrl + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JsonMapper.shared().readTree(response.body());
    }
}
