package io.tocsin.notifier.slack;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Slack app's bot token ({@code TOCSIN_SLACK_BOT_TOKEN}, {@code xoxb-…}) and signing secret
 * ({@code TOCSIN_SLACK_SIGNING_SECRET}, with which Slack signs the button clicks it sends); {@code baseUrl} is the
 * Web API methods endpoint, pointed elsewhere in tests.
 */
@ConfigurationProperties("tocsin.slack")
public record SlackProperties(String botToken, String signingSecret,
        @DefaultValue("https://slack.com/api/") URI baseUrl) {

    /** The base URL as the SDK's methods endpoint prefix, which it joins directly with a method name. */
    String methodsEndpointUrlPrefix() {
        String url = baseUrl.toString();
        return url.endsWith("/") ? url : url + "/";
    }

    boolean hasSigningSecret() {
        return signingSecret != null && !signingSecret.isBlank();
    }

    @Override
    public String toString() {
        return "SlackProperties[botToken=" + (botToken == null ? "unset" : "(hidden)") + ", signingSecret="
                + (hasSigningSecret() ? "(hidden)" : "unset") + ", baseUrl=" + baseUrl + "]";
    }
}
