package io.tocsin.routing;

import io.tocsin.testkit.MutableClock;
import io.tocsin.testkit.TocsinIntegrationTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/** Routing against the shared Kafka broker and PostgreSQL, with a movable clock; all such tests share one context. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=routing", "tocsin.admin-token=" + RoutingIntegrationTest.ADMIN_TOKEN,
                "tocsin.secret-keys=" + RoutingIntegrationTest.SECRET_KEY,
                "tocsin.webhook.allowed-hosts=" + RoutingIntegrationTest.ALLOWED_PRIVATE_HOST})
@TocsinIntegrationTest
@Import(RoutingIntegrationTest.MovableClock.class)
public @interface RoutingIntegrationTest {

    String ADMIN_TOKEN = "routing-test-admin-token";
    /** Seals PUSH topics' access tokens (TOCSIN_SECRET_KEYS): 32 bytes in Base64. */
    String SECRET_KEY = "cm91dGluZy10ZXN0LXNlY3JldC1rZXktMzItYnl0ZXM=";
    /** A private address named in TOCSIN_WEBHOOK_ALLOWED_HOSTS, as a self-hosted ntfy would be. */
    String ALLOWED_PRIVATE_HOST = "10.9.8.7";

    @TestConfiguration(proxyBeanMethods = false)
    class MovableClock {

        @Bean
        @Primary
        MutableClock testClock() {
            return MutableClock.startingNow();
        }
    }
}
