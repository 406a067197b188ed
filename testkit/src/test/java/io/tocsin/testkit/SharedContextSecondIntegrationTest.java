package io.tocsin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** With {@link SharedContextFirstIntegrationTest}: two test classes, one Spring context. */
@SpringBootTest(classes = SharedContextApplication.class)
@TocsinIntegrationTest
class SharedContextSecondIntegrationTest {

    @Test
    void sharesItsContextWithOtherAnnotatedClasses() {
        assertThat(SharedContextApplication.contextsCreated).hasValue(1);
    }
}
