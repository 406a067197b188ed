package io.tocsin.routing;

import io.tocsin.messaging.DeadLetters;
import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The routing service. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import(DeadLetters.class)
public class RoutingApplication {

    /** The application as the standalone launcher and main() start it: its own config file, routing.yml. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(RoutingApplication.class).properties("spring.config.name=routing");
    }

    /** All code reads time from this clock; tests register a movable one instead. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
