package io.tocsin.notifier.twilio;

import com.twilio.http.TwilioRestClient;
import io.tocsin.notifier.NotifierProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Twilio REST client and the signature check in front of Twilio's webhooks, made only when an account SID is
 * configured.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TwilioProperties.class)
@ConditionalOnProperty("tocsin.twilio.account-sid")
class TwilioConfiguration {

    @Bean
    TwilioRestClient twilioRestClient(TwilioProperties properties) {
        return new TwilioRestClient.Builder(properties.accountSid(), properties.authToken())
                .httpClient(new TwilioHttpClient(properties.baseUrl()))
                .build();
    }

    @Bean
    FilterRegistrationBean<TwilioSignatureFilter> twilioSignatures(TwilioProperties properties,
            NotifierProperties notifier) {
        FilterRegistrationBean<TwilioSignatureFilter> registration =
                new FilterRegistrationBean<>(new TwilioSignatureFilter(properties.authToken(), notifier));
        registration.addUrlPatterns("/webhooks/twilio/*");
        return registration;
    }
}
