package io.tocsin.notifier.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import io.tocsin.notifier.NotifierProperties;
import java.net.URI;
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
        TwilioRestClient.Builder builder = new TwilioRestClient.Builder(properties.accountSid(), properties.authToken());
        if (!"api.twilio.com".equals(properties.baseUrl().getHost())) {
            builder.httpClient(new RedirectingHttpClient(properties.baseUrl()));
        }
        return builder.build();
    }

    @Bean
    FilterRegistrationBean<TwilioSignatureFilter> twilioSignatures(TwilioProperties properties,
            NotifierProperties notifier) {
        FilterRegistrationBean<TwilioSignatureFilter> registration =
                new FilterRegistrationBean<>(new TwilioSignatureFilter(properties.authToken(), notifier));
        registration.addUrlPatterns("/webhooks/twilio/*");
        return registration;
    }

    /** The SDK has no base-URL setting: this rewrites each request's scheme and host to the configured base. */
    static final class RedirectingHttpClient extends NetworkHttpClient {

        private final URI base;

        RedirectingHttpClient(URI base) {
            this.base = base;
        }

        @Override
        public Response makeRequest(Request request) {
            URI original = URI.create(request.getUrl());
            String path = original.getRawPath() + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery());
            Request redirected = new Request(request.getMethod(), base.toString().replaceAll("/$", "") + path);
            // the builder stores the credentials as username/password on each request, not as a strategy
            redirected.setAuth(request.getUsername(), request.getPassword());
            request.getQueryParams().forEach((name, values) -> values.forEach(v -> redirected.addQueryParam(name, v)));
            request.getPostParams().forEach((name, values) -> values.forEach(v -> redirected.addPostParam(name, v)));
            request.getHeaderParams().forEach((name, values) -> values.forEach(v -> redirected.addHeaderParam(name, v)));
            redirected.setContentType(request.getContentType());
            redirected.setBody(request.getBody());
            redirected.setUserAgentExtensions(request.getUserAgentExtensions());
            return super.makeRequest(redirected);
        }
    }
}
