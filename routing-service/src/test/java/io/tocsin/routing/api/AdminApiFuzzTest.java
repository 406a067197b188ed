package io.tocsin.routing.api;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.RoutingIntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API's create endpoints with fuzzer-made JSON bodies: a request that starts from a valid body and has
 * fields replaced or added with arbitrary strings (NUL, lone surrogates, any Unicode), numbers, times and durations
 * far out of range, nested objects and arrays, or is not JSON at all, is answered 2xx or 4xx, never 5xx. The
 * regular run replays the seed corpus beside this class; {@code JAZZER_FUZZ=1} fuzzes for {@link #DURATION}.
 */
@RoutingIntegrationTest
class AdminApiFuzzTest {

    /** How long {@code JAZZER_FUZZ=1} fuzzes; the regular test run only replays the seed corpus. */
    static final String DURATION = "2m";

    /** Every lone surrogate goes over the wire escaped, as a client that writes \\uD800 sends it. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final String[] FIELDS = {"name", "email", "timeZone", "rotations", "start", "shiftLength",
            "shiftUnit", "participants", "layer", "restrictions", "days", "end", "teamId", "channel", "address",
            "type", "settings", "startsAt", "endsAt", "reason", "role", "userId", "replacesUserId", "levels", "delay",
            "targets", "id", "repeatCount", "message", "urgency", "ackTimeout", "autoResolveAfter",
            "escalationPolicyId", "slug", "title", "serviceIds", "oldKeyValidUntil", "contactMethodId"};
    private static final String[] HOSTILE = {"\u0000", "a\u0000b", "\ud800", "\udfff x", "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59", "0000-01-01T00:00:00Z", "PT9999999999999H",
            "P-1D", "PT-1S", "P106751991167300D", "9223372036854775807", "-1", "", " ", "http://169.254.169.254/x",
            "http://2130706433/", "Mars/Olympus", "MONDAY", "ADMIN", "WEBHOOK", "USER", "SCHEDULE", "HIGH",
            "00000000-0000-0000-0000-000000000000", "\u202e\ufeff", "\ud83d\udea8"};

    @Autowired
    AdminApi api;

    private static Resources resources;

    /** Things the create endpoints name, made once for the whole run. */
    private record Resources(String user, String service, String schedule, String statusPage) {
    }

    private record Endpoint(String path, Map<String, Object> validBody) {
    }

    @FuzzTest(maxDuration = DURATION)
    void anyBodyOnACreateEndpointIsAnsweredWithoutAServerError(FuzzedDataProvider data) throws Exception {
        Endpoint endpoint = data.pickValue(endpoints());
        String body;
        if (data.consumeBoolean()) {
            Map<String, Object> fields = new LinkedHashMap<>(endpoint.validBody());
            int changes = data.consumeInt(1, 4);
            for (int i = 0; i < changes; i++) {
                String field = data.consumeBoolean() ? data.pickValue(List.copyOf(fields.keySet()).toArray(String[]::new))
                        : data.pickValue(FIELDS);
                fields.put(field, value(data, 2));
            }
            body = JSON.writeValueAsString(fields);
        } else {
            body = data.consumeRemainingAsString();
        }

        HttpResponse<String> response = api.call("POST", endpoint.path(), body);

        assertThat(response.statusCode()).as("POST %s %s: %s", endpoint.path(), body, response.body()).isLessThan(500);
    }

    /** A fuzzed JSON value: text (hostile or arbitrary), a number, a boolean, null, or an array or object of them. */
    private static Object value(FuzzedDataProvider data, int depth) {
        return switch (data.consumeInt(0, depth > 0 ? 6 : 4)) {
            case 0 -> data.pickValue(HOSTILE);
            case 1 -> data.consumeString(200);
            case 2 -> data.consumeLong();
            case 3 -> data.consumeBoolean() ? data.consumeBoolean() : null;
            case 4 -> data.consumeDouble();
            case 5 -> {
                List<Object> values = new ArrayList<>();
                int size = data.consumeInt(0, 3);
                for (int i = 0; i < size; i++) {
                    values.add(value(data, depth - 1));
                }
                yield values;
            }
            default -> {
                Map<String, Object> object = new LinkedHashMap<>();
                int size = data.consumeInt(0, 4);
                for (int i = 0; i < size; i++) {
                    object.put(data.consumeBoolean() ? data.pickValue(FIELDS) : data.consumeString(20),
                            value(data, depth - 1));
                }
                yield object;
            }
        };
    }

    private Endpoint[] endpoints() throws Exception {
        Resources made = resources();
        String rotation = "{\"name\":\"r\",\"start\":\"2026-03-02T09:00\",\"shiftLength\":1,\"shiftUnit\":\"DAYS\","
                + "\"participants\":[\"" + made.user() + "\"],\"restrictions\":[{\"days\":[\"MONDAY\"],"
                + "\"start\":\"09:00\",\"end\":\"17:00\"}]}";
        return new Endpoint[] {
                new Endpoint("/api/v1/users", Map.of("name", "Fuzz", "email", "fuzz@example.com")),
                new Endpoint("/api/v1/teams", Map.of("name", "Fuzzers")),
                new Endpoint("/api/v1/services", Map.of("name", "Fuzzed", "urgency", "HIGH", "ackTimeout", "PT30M")),
                new Endpoint("/api/v1/schedules", Map.of("name", "Fuzz rota", "timeZone", "Europe/Berlin",
                        "rotations", List.of(JSON.readValue(rotation, Map.class)))),
                new Endpoint("/api/v1/escalation-policies", Map.of("name", "Fuzz policy", "repeatCount", 1, "levels",
                        List.of(Map.of("delay", "PT5M", "targets", List.of(Map.of("type", "USER", "id",
                                made.user())))))),
                new Endpoint("/api/v1/api-tokens", Map.of("name", "fuzz token", "role", "READ_ONLY")),
                new Endpoint("/api/v1/status-pages", Map.of("slug", "fuzz", "title", "Fuzz", "serviceIds",
                        List.of(made.service()))),
                new Endpoint("/api/v1/status-pages/" + made.statusPage() + "/updates", Map.of("message", "Looking")),
                new Endpoint("/api/v1/users/" + made.user() + "/contact-methods",
                        Map.of("channel", "WEBHOOK", "address", "https://hooks.example.com/fuzz")),
                new Endpoint("/api/v1/services/" + made.service() + "/integrations",
                        Map.of("type", "GENERIC", "name", "fuzz", "settings", Map.of("rate-limit.burst", "5"))),
                new Endpoint("/api/v1/services/" + made.service() + "/maintenance-windows",
                        Map.of("startsAt", "2030-01-01T00:00:00Z", "endsAt", "2030-01-01T01:00:00Z", "reason", "r")),
                new Endpoint("/api/v1/schedules/" + made.schedule() + "/overrides", Map.of("userId", made.user(),
                        "startsAt", "2030-01-01T00:00:00Z", "endsAt", "2030-01-02T00:00:00Z")),
        };
    }

    private Resources resources() throws Exception {
        if (resources == null) {
            String user = ok(api.call("POST", "/api/v1/users", "{\"name\":\"Fuzz target\"}"), 201).path("id").asString();
            String service = ok(api.call("POST", "/api/v1/services", "{\"name\":\"Fuzz target\"}"), 201).path("id")
                    .asString();
            String schedule = ok(api.call("POST", "/api/v1/schedules", "{\"name\":\"Fuzz target\",\"timeZone\":\"UTC\","
                    + "\"rotations\":[{\"name\":\"r\",\"start\":\"2026-03-02T09:00\",\"shiftLength\":1,\"shiftUnit\":"
                    + "\"DAYS\",\"participants\":[\"" + user + "\"]}]}"), 201).path("id").asString();
            String statusPage = ok(api.call("POST", "/api/v1/status-pages", "{\"slug\":\"fuzz-target\",\"title\":\"t\","
                    + "\"serviceIds\":[\"" + service + "\"]}"), 201).path("id").asString();
            resources = new Resources(user, service, schedule, statusPage);
        }
        return resources;
    }
}
