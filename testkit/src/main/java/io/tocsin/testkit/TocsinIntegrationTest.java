package io.tocsin.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Wires a Spring test context (for example {@code @SpringBootTest}) to the JVM's shared Kafka broker and
 * PostgreSQL from {@link TestInfrastructure}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TocsinIntegrationTest {
}
