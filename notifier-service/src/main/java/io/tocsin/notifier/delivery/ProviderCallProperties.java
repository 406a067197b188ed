package io.tocsin.notifier.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many calls to one channel's provider (Twilio SMS, Twilio voice, Slack, SMTP, webhooks) are under way at once
 * ({@code tocsin.notifier.provider-concurrency}); see {@link ProviderCalls}.
 */
@ConfigurationProperties("tocsin.notifier")
record ProviderCallProperties(@DefaultValue("16") int providerConcurrency) {

    ProviderCallProperties {
        if (providerConcurrency < 1) {
            throw new IllegalArgumentException(
                    "tocsin.notifier.provider-concurrency must be at least 1, not " + providerConcurrency);
        }
    }
}
