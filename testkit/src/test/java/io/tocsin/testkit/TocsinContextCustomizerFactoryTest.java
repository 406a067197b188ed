package io.tocsin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TocsinContextCustomizerFactoryTest {

    private final TocsinContextCustomizerFactory factory = new TocsinContextCustomizerFactory();

    @Test
    void leavesUnmarkedTestClassesAlone() {
        assertThat(factory.createContextCustomizer(Unmarked.class, List.of())).isNull();
    }

    @Test
    void customizesMarkedInheritingNestedAndMetaAnnotatedClasses() {
        assertThat(factory.createContextCustomizer(Marked.class, List.of())).isNotNull();
        assertThat(factory.createContextCustomizer(MarkedSubclass.class, List.of())).isNotNull();
        assertThat(factory.createContextCustomizer(Marked.Inner.class, List.of())).isNotNull();
        assertThat(factory.createContextCustomizer(MetaMarked.class, List.of())).isNotNull();
    }

    @Test
    void customizersAreEqualSoContextsAreCachedAcrossClasses() {
        var first = factory.createContextCustomizer(Marked.class, List.of());
        var second = factory.createContextCustomizer(MetaMarked.class, List.of());

        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
    }

    static class Unmarked {
    }

    @TocsinIntegrationTest
    static class Marked {

        @Nested
        class Inner {
        }
    }

    static class MarkedSubclass extends Marked {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @TocsinIntegrationTest
    @interface ServiceIntegrationTest {
    }

    @ServiceIntegrationTest
    static class MetaMarked {
    }
}
