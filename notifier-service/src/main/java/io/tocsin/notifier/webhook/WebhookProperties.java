package io.tocsin.notifier.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The WEBHOOK channel ({@code tocsin.notifier.webhook.*}): the {@code secret} that signs every post
 * (TOCSIN_WEBHOOK_SECRET; without it the channel is not live), the hosts or addresses on private networks it may
 * call ({@code allowedHosts}, TOCSIN_WEBHOOK_ALLOWED_HOSTS, comma-separated), and how long it waits for a receiver.
 */
@ConfigurationProperties("tocsin.notifier.webhook")
record WebhookProperties(
        String secret,
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("PT5S") Duration connectTimeout,
        @DefaultValue("PT10S") Duration timeout) {
}
