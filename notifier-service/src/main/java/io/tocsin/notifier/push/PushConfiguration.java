package io.tocsin.notifier.push;

import io.tocsin.contracts.SealedSecrets;
import io.tocsin.contracts.WebhookDestinations;
import io.tocsin.notifier.NotifierProperties;
import io.tocsin.notifier.email.LinkTokens;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PUSH channel: always live (ntfy.sh needs no account). Topic hosts pass the webhooks' address checks
 * (TOCSIN_WEBHOOK_ALLOWED_HOSTS names a self-hosted ntfy on a private address); access tokens arrive sealed and are
 * opened with TOCSIN_SECRET_KEYS.
 */
@Configuration(proxyBeanMethods = false)
class PushConfiguration {

    @Bean
    NtfySender ntfySender(@Value("${tocsin.notifier.webhook.allowed-hosts:}") List<String> allowedHosts,
            @Value("${tocsin.secret-keys:}") List<String> secretKeys, NotifierProperties notifier, LinkTokens links,
            JsonMapper json, Clock clock) {
        return new NtfySender(new WebhookDestinations(allowedHosts), new SealedSecrets(secretKeys), notifier, links,
                json, clock);
    }
}
