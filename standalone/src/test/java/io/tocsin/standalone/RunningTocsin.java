package io.tocsin.standalone;

import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.SecretHash;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.policy.EscalationPolicies;
import io.tocsin.routing.policy.EscalationPolicy.Level;
import io.tocsin.routing.policy.EscalationPolicy.Target;
import io.tocsin.routing.policy.EscalationPolicy.TargetType;
import io.tocsin.routing.service.AlertGrouping;
import io.tocsin.routing.service.Integrations;
import io.tocsin.routing.service.ServiceSpec;
import io.tocsin.routing.service.Services;
import io.tocsin.routing.user.User;
import io.tocsin.routing.user.Users;
import io.tocsin.testkit.FakeTwilio;
import io.tocsin.testkit.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** All three services against the test kit's broker and database, Twilio faked, driven over HTTP as a monitor and an admin would. */
final class RunningTocsin implements AutoCloseable {

    static final String ADMIN_TOKEN = "e2e-admin-token";
    static final String TWILIO_FROM = "+15550001111";
    /** Where pages say the web console is: every page links to its incident there. */
    static final String CONSOLE_URL = "https://tocsin.example.test";
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final TocsinServices services;

    private RunningTocsin(TocsinServices services) {
        this.services = services;
    }

    static RunningTocsin start(FakeTwilio twilio, Clock clock) {
        return start(twilio, clock, List.of());
    }

    /**
     * With these notifier settings too (other channels, {@code tocsin.notifier.public-url}); Twilio is always faked.
     */
    static RunningTocsin start(FakeTwilio twilio, Clock clock, List<String> notifierSettings) {
        return start(twilio, clock, notifierSettings, List.of());
    }

    /** With these notifier settings and these settings for every service. */
    static RunningTocsin start(FakeTwilio twilio, Clock clock, List<String> notifierSettings,
            List<String> everyServiceSettings) {
        List<String> common = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0"));
        common.addAll(everyServiceSettings);
        List<String> notifier = new ArrayList<>(List.of("--tocsin.twilio.account-sid=" + twilio.accountSid(),
                "--tocsin.twilio.auth-token=" + twilio.authToken(),
                "--tocsin.twilio.from-number=" + TWILIO_FROM,
                "--tocsin.twilio.base-url=" + twilio.baseUrl(),
                "--tocsin.notifier.console-url=" + CONSOLE_URL));
        notifier.addAll(notifierSettings);
        return new RunningTocsin(TocsinServices.start(new TocsinServices.Wiring(
                TestInfrastructure.kafkaBootstrapServers(), TestInfrastructure.jdbcUrl(), TestInfrastructure.dbUser(),
                TestInfrastructure.dbPassword(), clock,
                common,
                List.of("--tocsin.admin-token=" + ADMIN_TOKEN),
                notifier,
                List.of())));
    }

    /** A responder paged by SMS as soon as a level targets them. */
    User smsResponder(String name, String phone) {
        return responder(name, Channel.SMS, phone);
    }

    /** A responder paged through this one contact method as soon as a level targets them. */
    User responder(String name, Channel channel, String address) {
        Users users = services.routing().getBean(Users.class);
        User user = users.create(name, null);
        users.addRule(users.addContactMethod(user.id(), channel, address), Urgency.HIGH, Duration.ZERO);
        return user;
    }

    /** The notifier's local address for a path (it believes it is reached at its public URL). */
    String notifierUrl(String pathAndQuery) {
        return "http://localhost:" + services.notifierPort() + pathAndQuery;
    }

    /** Posts a form to the notifier with these extra headers, as Twilio or Slack would. */
    HttpResponse<String> postToNotifier(String pathAndQuery, String form, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(notifierUrl(pathAndQuery)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> getFromNotifier(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(notifierUrl(pathAndQuery))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A service paging these users one level after the other; returns its Events API v2 integration key. */
    String service(String name, Duration levelDelay, User... levels) {
        var routing = services.routing();
        List<Level> policyLevels = new ArrayList<>();
        for (User user : levels) {
            policyLevels.add(new Level(0, levelDelay, List.of(new Target(TargetType.USER, user.id().toString()))));
        }
        var policy = routing.getBean(EscalationPolicies.class).create(name + " policy", 0, policyLevels, null);
        var service = routing.getBean(Services.class).create(new ServiceSpec(name, policy.id(), Urgency.HIGH, null, null, null));
        String key = SecretHash.generate();
        routing.getBean(Integrations.class).create(service.id(), IntegrationType.EVENTS_V2, "monitor", Map.of(), key);
        return key;
    }

    /** A service paging the user whose alerts group so; returns its Alertmanager integration key. */
    String alertmanagerService(String name, User user, AlertGrouping grouping) {
        return groupedService(name, user, grouping, IntegrationType.ALERTMANAGER);
    }

    /** A service paging the user whose alerts group so; returns the key of its integration of this type. */
    String groupedService(String name, User user, AlertGrouping grouping, IntegrationType type) {
        var routing = services.routing();
        var policy = routing.getBean(EscalationPolicies.class).create(name + " policy", 0, List.of(new Level(0,
                Duration.ofHours(1), List.of(new Target(TargetType.USER, user.id().toString())))), null);
        var service = routing.getBean(Services.class).create(new ServiceSpec(name, policy.id(), Urgency.HIGH, null,
                null, null, grouping, null, null));
        String key = SecretHash.generate();
        routing.getBean(Integrations.class).create(service.id(), type, "alertmanager", Map.of(), key);
        return key;
    }

    /** Ingest's local address for a path. */
    String ingestUrl(String path) {
        return "http://localhost:" + services.ingestPort() + path;
    }

    /** Posts until ingest has learned the integration from Kafka (a 503 stores nothing, so retrying is safe). */
    JsonNode enqueueAccepted(String event) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        await().atMost(PATIENCE).until(() -> {
            last.set(enqueue(event));
            return last.get().statusCode() == 202;
        });
        return JSON.readTree(last.get().body());
    }

    HttpResponse<String> enqueue(String event) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + services.ingestPort() + "/v2/enqueue"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> api(String method, String path, String token) throws Exception {
        return api(method, path, token, null);
    }

    /** Calls the admin API with this JSON body (none if null). */
    HttpResponse<String> api(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + services.routingPort() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The incident with this dedup key, as the REST API lists it, or null. */
    JsonNode incident(String dedupKey) throws Exception {
        return incidentWhere("dedupKey", dedupKey);
    }

    /** The incident with this summary, as the REST API lists it, or null. */
    JsonNode incidentBySummary(String summary) throws Exception {
        return incidentWhere("summary", summary);
    }

    /** The incident whose summary says this (a cluster's name, say), as the REST API lists it, or null. */
    JsonNode incidentAbout(String text) throws Exception {
        JsonNode list = JSON.readTree(api("GET", "/api/v1/incidents?limit=500", ADMIN_TOKEN).body());
        for (JsonNode incident : list.path("incidents")) {
            if (incident.path("summary").asString().contains(text)) {
                return incident;
            }
        }
        return null;
    }

    private JsonNode incidentWhere(String field, String value) throws Exception {
        JsonNode list = JSON.readTree(api("GET", "/api/v1/incidents?limit=500", ADMIN_TOKEN).body());
        for (JsonNode incident : list.path("incidents")) {
            if (incident.path(field).asString().equals(value)) {
                return incident;
            }
        }
        return null;
    }

    JsonNode awaitIncident(String dedupKey) {
        return await().atMost(PATIENCE).until(() -> incident(dedupKey), incident -> incident != null);
    }

    List<String> timeline(String incidentId) throws Exception {
        List<String> events = new ArrayList<>();
        timelineEntries(incidentId).forEach(entry -> events.add(entry.path("event").asString()));
        return events;
    }

    /** What the incident's timeline says, entry by entry ("acknowledged by Alice via SMS"). */
    List<String> timelineMessages(String incidentId) throws Exception {
        List<String> messages = new ArrayList<>();
        timelineEntries(incidentId).forEach(entry -> messages.add(entry.path("message").asString()));
        return messages;
    }

    private JsonNode timelineEntries(String incidentId) throws Exception {
        return JSON.readTree(api("GET", "/api/v1/incidents/" + incidentId + "/log", ADMIN_TOKEN).body()).path("entries");
    }

    static String trigger(String key, String dedupKey, String summary) {
        return """
                {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
                 "payload":{"summary":"%s","source":"prometheus","severity":"critical"}}
                """.formatted(key, dedupKey, summary);
    }

    @Override
    public void close() {
        services.close();
    }

    /** Stops a test's Tocsin, then its fakes, in that order; what a failed start left null is skipped. */
    static void stop(RunningTocsin tocsin, AutoCloseable... fakes) {
        if (tocsin != null) {
            tocsin.close();
        }
        for (AutoCloseable fake : fakes) {
            try {
                if (fake != null) {
                    fake.close();
                }
            } catch (Exception ignored) {
                // closing a fake after the run: nothing to assert
            }
        }
    }
}
