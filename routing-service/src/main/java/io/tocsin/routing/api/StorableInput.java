package io.tocsin.routing.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.format.datetime.standard.InstantFormatter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * One rule for every value the HTTP API takes in, instead of a check per field: text, times and durations that
 * {@link StorableValues} refuses are a 400 naming the field, in JSON bodies and request parameters alike. Kafka
 * messages keep the plain mapper: an alert's text is not refused here.
 */
@Configuration(proxyBeanMethods = false)
class StorableInput implements WebMvcConfigurer {

    /** Ordered after Boot's own JSON converter, which it replaces. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServerHttpMessageConvertersCustomizer storableJson(JsonMapper json) {
        SimpleModule module = new SimpleModule("storable-input").setDeserializerModifier(new Checks());
        JsonMapper checked = json.rebuild().addModule(module).build();
        return converters -> converters.withJsonConverter(new JacksonJsonHttpMessageConverter(checked));
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addFormatterForFieldType(Instant.class, new Formatter<Instant>() {
            private final InstantFormatter iso = new InstantFormatter();

            @Override
            public Instant parse(String text, Locale locale) throws ParseException {
                Instant time = iso.parse(text, locale);
                StorableValues.refusal(time).ifPresent(refusal -> {
                    throw new UnstorableValue(null, refusal, Instant.class);
                });
                return time;
            }

            @Override
            public String print(Instant time, Locale locale) {
                return iso.print(time, locale);
            }
        });
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                request.getParameterMap().forEach((name, values) -> {
                    for (String value : values) {
                        StorableValues.refusal(value).ifPresent(refusal -> {
                            throw new InvalidRequest("'" + name + "' " + refusal);
                        });
                    }
                });
                return true;
            }
        });
    }

    /** Wraps the deserializers of text and times with the check; every other type is left as it is. */
    private static final class Checks extends ValueDeserializerModifier {

        @Override
        public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier bean,
                ValueDeserializer<?> deserializer) {
            Class<?> type = bean.getBeanClass();
            if (type == String.class) {
                return new Checked<>(deserializer, String.class, StorableValues::refusal);
            }
            if (type == Instant.class) {
                return new Checked<>(deserializer, Instant.class, StorableValues::refusal);
            }
            if (type == LocalDateTime.class) {
                return new Checked<>(deserializer, LocalDateTime.class, StorableValues::refusal);
            }
            if (type == Duration.class) {
                return new Checked<>(deserializer, Duration.class, StorableValues::refusal);
            }
            return deserializer;
        }

        @Override
        public KeyDeserializer modifyKeyDeserializer(DeserializationConfig config, JavaType type,
                KeyDeserializer deserializer) {
            if (!type.hasRawClass(String.class)) {
                return deserializer;
            }
            return new KeyDeserializer() {
                @Override
                public Object deserializeKey(String key, DeserializationContext context) {
                    StorableValues.refusal(key).ifPresent(refusal -> {
                        throw new UnstorableValue(context.getParser(), refusal, String.class);
                    });
                    return deserializer.deserializeKey(key, context);
                }
            };
        }
    }

    /** The wrapped deserializer's value, once the check found nothing wrong with it. */
    private static final class Checked<T> extends DelegatingDeserializer {

        private final Class<T> type;
        private final Function<T, Optional<String>> check;

        Checked(ValueDeserializer<?> delegate, Class<T> type, Function<T, Optional<String>> check) {
            super(delegate);
            this.type = type;
            this.check = check;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new Checked<>(delegate, type, check);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            Object value = super.deserialize(parser, context);
            if (type.isInstance(value)) {
                check.apply(type.cast(value)).ifPresent(refusal -> {
                    throw new UnstorableValue(parser, refusal, type);
                });
            }
            return value;
        }
    }
}
