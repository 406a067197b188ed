package io.tocsin.notifier.webhook;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;
import tools.jackson.databind.json.JsonMapper;

/** The WEBHOOK channel, live only with a signing secret: an unsigned post could not be told from a forged one. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    @Bean
    @Conditional(SecretSet.class)
    WebhookSender webhookSender(WebhookProperties properties, JsonMapper json, Clock clock) {
        return new WebhookSender(properties, json, clock);
    }

    /** An empty TOCSIN_WEBHOOK_SECRET means no webhooks, not a secret of "". */
    static class SecretSet implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("tocsin.notifier.webhook.secret"));
        }
    }
}
