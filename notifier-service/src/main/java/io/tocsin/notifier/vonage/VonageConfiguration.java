package io.tocsin.notifier.vonage;

import com.vonage.client.HttpConfig;
import com.vonage.client.VonageClient;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Vonage client (with the voice application's key when one is configured) and the signature check in front of
 * Vonage's webhooks, made only when an API key is configured.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VonageProperties.class)
@ConditionalOnProperty("tocsin.vonage.api-key")
class VonageConfiguration {

    /** A page waits this long for Vonage's answer, then counts as not answered and goes to the next provider. */
    private static final int TIMEOUT_MILLIS = 15_000;

    @Bean
    VonageClient vonageClient(VonageProperties properties) {
        HttpConfig.Builder http = HttpConfig.builder().timeoutMillis(TIMEOUT_MILLIS);
        if (properties.baseUrl() != null && !properties.baseUrl().toString().isBlank()) {
            http.baseUri(properties.baseUrl());
        }
        VonageClient.Builder client = VonageClient.builder()
                .httpConfig(http.build())
                .apiKey(properties.apiKey())
                .apiSecret(properties.apiSecret());
        if (properties.applicationId() != null && !properties.applicationId().isBlank()) {
            // an environment variable may carry the PEM's line breaks as \n
            client.applicationId(properties.applicationId())
                    .privateKeyContents(properties.privateKey().replace("\\n", "\n"));
        }
        return client.build();
    }

    @Bean
    FilterRegistrationBean<VonageSignatureFilter> vonageSignatures(VonageProperties properties, Clock clock) {
        FilterRegistrationBean<VonageSignatureFilter> registration =
                new FilterRegistrationBean<>(new VonageSignatureFilter(properties, clock));
        registration.addUrlPatterns("/webhooks/vonage/*");
        return registration;
    }
}
