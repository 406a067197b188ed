package io.tocsin.notifier.push;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.SealedSecrets;
import io.tocsin.contracts.Urgency;
import io.tocsin.contracts.WebhookDestinations;
import io.tocsin.notifier.NotifierProperties;
import io.tocsin.notifier.delivery.ChannelSender;
import io.tocsin.notifier.delivery.PageText;
import io.tocsin.notifier.delivery.PersonalText;
import io.tocsin.notifier.delivery.RetryAfter;
import io.tocsin.notifier.delivery.SendOutcome;
import io.tocsin.notifier.email.LinkAction;
import io.tocsin.notifier.email.LinkTokens;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes a page to the ntfy topic a PUSH contact method names, as ntfy's JSON publishing takes it ({@code POST}
 * to the server's root with the topic in the body): priority 5 for high urgency (it can sound through Do Not Disturb
 * where the person allows it), 3 for low; Acknowledge and Resolve {@code http} actions posting to signed, expiring
 * links ({@code /push/{token}}, the email links' tokens), and a {@code view} action opening the incident in the
 * console; a test page goes without them, at priority 3. A protected topic's access token goes as
 * {@code Authorization: Bearer}. 2xx is sent; 408, 429 (after its Retry-After), 5xx and timeouts are temporary; a
 * refused token or topic is permanent.
 */
class NtfySender implements ChannelSender {

    static final String LINK_PATH = "/push/";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final WebhookDestinations destinations;
    private final SealedSecrets secrets;
    private final NotifierProperties notifier;
    private final LinkTokens links;
    private final JsonMapper json;
    private final Clock clock;

    NtfySender(WebhookDestinations destinations, SealedSecrets secrets, NotifierProperties notifier, LinkTokens links,
            JsonMapper json, Clock clock) {
        this.destinations = destinations;
        this.secrets = secrets;
        this.notifier = notifier;
        this.links = links;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.PUSH;
    }

    @Override
    public SendOutcome send(NotificationRequested page) {
        URI topicUrl;
        try {
            topicUrl = URI.create(page.address().strip());
        } catch (IllegalArgumentException e) {
            return new SendOutcome.Failed(false, "the ntfy topic is not a URL: fix the contact method");
        }
        String path = topicUrl.getRawPath() == null ? "" : topicUrl.getRawPath();
        if (topicUrl.getHost() == null || !path.matches("/[A-Za-z0-9_-]{1,64}")
                || !"https".equalsIgnoreCase(topicUrl.getScheme()) && !"http".equalsIgnoreCase(topicUrl.getScheme())) {
            return new SendOutcome.Failed(false, "the ntfy topic must be an http(s) URL of a host and a topic, e.g."
                    + " https://ntfy.sh/mytopic: fix the contact method");
        }
        String host = topicUrl.getHost();
        try {
            Optional<String> refusal = destinations.refusal(host);
            if (refusal.isPresent()) {
                return new SendOutcome.Failed(false, refusal.get());
            }
        } catch (UnknownHostException e) {
            return new SendOutcome.Failed(true, "cannot resolve the ntfy host " + host);
        }
        Optional<String> token = Optional.empty();
        if (page.sealedSecret() != null) {
            token = secrets.open(page.sealedSecret());
            if (token.isEmpty()) {
                return new SendOutcome.Failed(false, "the topic's access token cannot be opened here: "
                        + SealedSecrets.VARIABLE + " on the notifier lacks the key routing sealed it with");
            }
        }
        URI server = topicUrl.resolve("/");
        HttpRequest.Builder request = HttpRequest.newBuilder(server)
                .timeout(TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Tocsin")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(message(page,
                        path.substring(1)))));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        String where = "ntfy at " + host;
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new SendOutcome.Sent(messageId(response.body()), "published to " + where);
            }
            String answered = where + " answered HTTP " + status;
            if (status == 408 || status == 429 || status >= 500) {
                return new SendOutcome.Failed(true, answered, RetryAfter.parse(
                        response.headers().firstValue("Retry-After").orElse(null), clock.instant()));
            }
            if (status == 401 || status == 403) {
                return new SendOutcome.Failed(false, answered + ": the topic is protected and "
                        + (token.isPresent() ? "refused the contact method's access token" : "needs an access token")
                        + "; give the contact method a token that may publish to it");
            }
            return new SendOutcome.Failed(false, answered + ": check the topic URL");
        } catch (HttpTimeoutException e) {
            return new SendOutcome.Failed(true, where + " did not answer in time", null, SendOutcome.Fault.NO_ANSWER);
        } catch (IOException e) {
            return new SendOutcome.Failed(true, where + " is unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.Failed(true, "interrupted while publishing to " + where);
        }
    }

    /**
     * The JSON ntfy publishes: the page, its priority, and its actions (ntfy shows at most three); a test page is its
     * words alone, at the default priority, with nothing to press.
     */
    Map<String, Object> message(NotificationRequested page, String topic) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("topic", topic);
        if (!page.isPage()) {
            message.put("title", PersonalText.subject(page));
            message.put("message", PersonalText.of(page));
            message.put("priority", 3);
            return message;
        }
        message.put("title", page.incidentNumber() == null ? "Tocsin: " + page.serviceName()
                : "Tocsin #" + page.incidentNumber() + ": " + page.serviceName());
        message.put("message", PageText.of(page));
        boolean high = page.urgency() != Urgency.LOW;
        message.put("priority", high ? 5 : 3);
        message.put("tags", List.of(high ? "rotating_light" : "warning"));
        List<Map<String, Object>> actions = new ArrayList<>();
        Optional<String> console = notifier.incidentUrl(page);
        console.ifPresent(url -> {
            message.put("click", url);
            actions.add(Map.of("action", "view", "label", "Open", "url", url));
        });
        if (page.contactMethodId() != null && !PageText.isBundle(page)) {
            Instant expiresAt = links.expiryFromNow();
            for (LinkAction action : LinkAction.values()) {
                actions.add(Map.of("action", "http", "label", action.label(), "method", "POST",
                        "url", notifier.url(LINK_PATH + links.issue(page.incidentId(), page.contactMethodId(), action,
                                expiresAt)),
                        "clear", action == LinkAction.RESOLVE));
            }
        }
        if (!actions.isEmpty()) {
            message.put("actions", actions);
        }
        return message;
    }

    /** ntfy's id of the published message, or null. */
    private String messageId(String body) {
        try {
            JsonNode answer = json.readTree(body);
            return answer.path("id").asString(null);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
