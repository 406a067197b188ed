package io.tocsin.notifier;

import io.tocsin.messaging.DeadLetters;
import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The notifier service. */
@SpringBootApplication
@EnableConfigurationProperties(NotifierProperties.class)
@EnableScheduling
@Import(DeadLetters.class)
public class NotifierApplication {

    /** The application as the standalone launcher and main() start it: its own config file, notifier.yml. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(NotifierApplication.class).properties("spring.config.name=notifier");
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
