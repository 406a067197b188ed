package io.tocsin.ingest.intake;

import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A request body as ingest read it: {@code raw} is the original text, {@code json} the parsed object when the body
 * was JSON (else null), {@code fields} the query parameters and form fields by name (first value wins).
 */
public record Payload(String raw, JsonNode json, Map<String, String> fields) {

    public Payload {
        fields = Map.copyOf(fields);
    }

    public static Payload ofJson(String raw, JsonNode json) {
        return new Payload(raw, json, Map.of());
    }

    public static Payload ofFields(String raw, Map<String, String> fields) {
        return new Payload(raw, null, fields);
    }

    /** A non-blank field of the form or query string. */
    public Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }
}
