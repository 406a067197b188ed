package io.tocsin.routing.selfcheck;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code tocsin.self-check}: how long a message may wait for Kafka, or a step may be late, before paging is DOWN. */
@ConfigurationProperties("tocsin.self-check")
record SelfCheckProperties(Duration maxDelay) {

    SelfCheckProperties {
        maxDelay = maxDelay == null ? Duration.ofMinutes(2) : maxDelay;
    }
}
