package io.tocsin.notifier.webhook;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.WebhookDestinations;
import io.tocsin.notifier.delivery.ChannelSender;
import io.tocsin.notifier.delivery.RetryAfter;
import io.tocsin.notifier.delivery.SendOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts a page (or a test page) as signed JSON to the URL a contact method or an escalation level names. Redirects are not followed
 * (a redirect could lead past the address check), and addresses inside Tocsin's own network are refused unless
 * allowed ({@link WebhookDestinations}). 2xx is sent; 408, 429, 5xx and timeouts are temporary; other answers permanent.
 */
class WebhookSender implements ChannelSender {

    static final String EVENT_HEADER = "X-Tocsin-Event";
    static final String DELIVERY_HEADER = "X-Tocsin-Delivery";

    private final HttpClient http;
    private final WebhookProperties properties;
    private final WebhookDestinations destinations;
    private final JsonMapper json;
    private final Clock clock;

    WebhookSender(WebhookProperties properties, JsonMapper json, Clock clock) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.properties = properties;
        this.destinations = new WebhookDestinations(properties.allowedHosts());
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public SendOutcome send(NotificationRequested n) {
        URI url;
        try {
            url = URI.create(n.address().strip());
        } catch (IllegalArgumentException e) {
            return new SendOutcome.Failed(false, "the webhook address is not a URL: fix the contact method or target");
        }
        if (!"https".equalsIgnoreCase(url.getScheme()) && !"http".equalsIgnoreCase(url.getScheme())
                || url.getHost() == null) {
            return new SendOutcome.Failed(false, "the webhook address must be an http(s) URL with a host: fix the"
                    + " contact method or target");
        }
        // the URL's path and query may carry the receiver's own token: reasons and logs name only the host
        String host = url.getHost();
        try {
            Optional<String> refusal = destinations.refusal(host);
            if (refusal.isPresent()) {
                return new SendOutcome.Failed(false, refusal.get());
            }
        } catch (UnknownHostException e) {
            return new SendOutcome.Failed(true, "cannot resolve the webhook host " + host);
        }
        WebhookPayload payload = WebhookPayload.of(n);
        byte[] body = json.writeValueAsBytes(payload);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(properties.timeout())
                // HTTP/2 only where TLS negotiates it: over plain http the client would offer receivers an h2c
                // upgrade, which many proxies and frameworks refuse or mishandle
                .version("https".equalsIgnoreCase(url.getScheme()) ? HttpClient.Version.HTTP_2
                        : HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Tocsin-Webhook")
                .header(EVENT_HEADER, payload.event())
                .header(DELIVERY_HEADER, n.id().toString())
                .header(WebhookSignature.HEADER, WebhookSignature.header(properties.secret(),
                        clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            SendOutcome outcome = outcome(host, response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null));
            // the timeline names where the page went: scheme, host and port, not the path (it may hold a token)
            return outcome instanceof SendOutcome.Sent ? new SendOutcome.Sent(null, "posted to " + url.getScheme()
                    + "://" + host + (url.getPort() == -1 ? "" : ":" + url.getPort())) : outcome;
        } catch (HttpTimeoutException e) {
            return new SendOutcome.Failed(true, "the webhook at " + host + " did not answer in time ("
                    + e.getClass().getSimpleName() + ")");
        } catch (IOException e) {
            return new SendOutcome.Failed(true, "the webhook at " + host + " is unreachable: "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.Failed(true, "interrupted while posting to the webhook at " + host);
        }
    }

    /** What the receiver's answer means for the page. */
    SendOutcome outcome(String host, int status, String retryAfter) {
        if (status >= 200 && status < 300) {
            return new SendOutcome.Sent(null);
        }
        String answered = "the webhook at " + host + " answered HTTP " + status;
        if (status == 408 || status == 429 || status >= 500) {
            return new SendOutcome.Failed(true, answered, RetryAfter.parse(retryAfter, clock.instant()));
        }
        if (status >= 300 && status < 400) {
            return new SendOutcome.Failed(false, answered + ", a redirect, which Tocsin does not follow: configure"
                    + " the URL it redirects to");
        }
        return new SendOutcome.Failed(false, answered + ": check the URL and what the receiver expects");
    }
}
