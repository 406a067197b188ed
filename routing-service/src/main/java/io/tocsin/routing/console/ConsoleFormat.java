package io.tocsin.routing.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** How console templates write times and monitor-sent values ({@code ${@consoleFormat.utc(...)}}). */
@Component("consoleFormat")
public class ConsoleFormat {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final JsonMapper json;

    ConsoleFormat(JsonMapper json) {
        this.json = json;
    }

    /** "2026-11-28 09:41:07 UTC", or empty for no time. */
    public String utc(Instant instant) {
        return instant == null ? "" : UTC.format(instant);
    }

    /** A detail's value as text: strings and numbers as they are, anything nested as JSON. */
    public String value(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean || value == null
                ? String.valueOf(value) : json.writeValueAsString(value);
    }

    /** The original payload, indented if it is JSON, else as it came. */
    public String payload(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readValue(raw, Object.class));
        } catch (RuntimeException notJson) {
            return raw;
        }
    }

}
