package io.tocsin.testkit;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringBootConfiguration;

/** The smallest Spring Boot application; counts how many contexts were built from it. */
@SpringBootConfiguration
class SharedContextApplication {

    static final AtomicInteger contextsCreated = new AtomicInteger();

    SharedContextApplication() {
        contextsCreated.incrementAndGet();
    }
}
