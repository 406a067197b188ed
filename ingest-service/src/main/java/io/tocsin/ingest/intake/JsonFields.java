package io.tocsin.ingest.intake;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Lenient reading of monitors' JSON: ids arrive as numbers from one tool and strings from the next. */
public final class JsonFields {

    private static final JsonMapper JSON = JsonMapper.shared();

    private JsonFields() {
    }

    /** A non-blank string, or a number or boolean as text; empty for anything else. */
    public static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isContainer()) {
            return Optional.empty();
        }
        String text = value.isString() ? value.stringValue() : value.asString();
        return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }

    /** The object under {@code field}, or an empty object node. */
    public static JsonNode object(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isObject() ? value : JSON.createObjectNode();
    }

    /** A JSON value as plain Java maps, lists and scalars, for an event's details. */
    public static Object plain(JsonNode value) {
        return JSON.treeToValue(value, Object.class);
    }

    /** The listed fields of {@code node} that are present and not null, as plain values, in order. */
    public static Map<String, Object> pick(JsonNode node, String... fields) {
        Map<String, Object> picked = new LinkedHashMap<>();
        for (String field : fields) {
            JsonNode value = node == null ? null : node.get(field);
            if (value != null && !value.isNull() && !(value.isString() && value.stringValue().isEmpty())) {
                picked.put(field, plain(value));
            }
        }
        return picked;
    }

    /** The string entries of a JSON object (label and annotation maps), in order. */
    public static Map<String, String> strings(JsonNode object) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (object != null && object.isObject()) {
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                    strings.put(entry.getKey(), entry.getValue().asString());
                }
            }
        }
        return strings;
    }
}
