package io.tocsin.testkit;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.TestPropertySourceUtils;

/** Gives test contexts of classes marked {@link TocsinIntegrationTest} the shared broker and database. */
class TocsinContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, TocsinIntegrationTest.class)
                ? new SharedInfrastructure()
                : null;
    }

    /** Has no state, so every instance is equal and Spring's context cache shares one context across test classes. */
    record SharedInfrastructure() implements ContextCustomizer {

        static final String PROPERTY_SOURCE_NAME = "tocsinTestInfrastructure";

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            MapPropertySource infrastructure = new MapPropertySource(PROPERTY_SOURCE_NAME, TestContainers.ENABLED
                    ? containerConnections(context)
                    : Map.of(
                            "spring.cloud.stream.kafka.binder.brokers", TestInfrastructure.kafkaBootstrapServers(),
                            "spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers(),
                            "spring.datasource.url", TestInfrastructure.jdbcUrl(),
                            "spring.datasource.username", TestInfrastructure.dbUser(),
                            "spring.datasource.password", TestInfrastructure.dbPassword()));
            // Above application.yml and the OS environment, but below a test's own properties
            // (@SpringBootTest(properties = ...), @TestPropertySource(properties = ...)) so a test can override them.
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            String inlined = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;
            if (sources.contains(inlined)) {
                sources.addAfter(inlined, infrastructure);
            }
            else {
                sources.addFirst(infrastructure);
            }
            TestInfrastructure.closeBeforeShutdown(context);
        }

        /**
         * Registers the containers as {@code @ServiceConnection} beans. The Kafka binder (Stream 5.0.2) still takes
         * its own {@code brokers} setting over Boot's Kafka connection details, so that one is set as a property.
         */
        private static Map<String, Object> containerConnections(ConfigurableApplicationContext context) {
            if (!(context instanceof BeanDefinitionRegistry registry)) {
                throw new IllegalStateException("cannot register the test containers in " + context.getClass());
            }
            registry.registerBeanDefinition("tocsinTestContainers", new RootBeanDefinition(TestContainers.Connections.class));
            return Map.of("spring.cloud.stream.kafka.binder.brokers", TestInfrastructure.kafkaBootstrapServers());
        }
    }
}
