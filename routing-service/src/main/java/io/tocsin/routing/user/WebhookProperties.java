package io.tocsin.routing.user;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tocsin.webhook}: the hosts or addresses inside Tocsin's network that webhooks may call
 * ({@code allowedHosts}, TOCSIN_WEBHOOK_ALLOWED_HOSTS, the notifier's list too): routing refuses other internal
 * addresses when an admin types them.
 */
@ConfigurationProperties("tocsin.webhook")
record WebhookProperties(@DefaultValue List<String> allowedHosts) {
}
