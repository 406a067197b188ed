package io.tocsin.contracts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text as PostgreSQL can store it: its {@code text} and {@code jsonb} types refuse NUL ({@code 0x00}) and a UTF-8
 * encoder cannot write a lone surrogate, so an event carrying either would be accepted by ingest and then refused by
 * routing's database. Each such character becomes U+FFFD (the replacement character), which keeps lengths and, for
 * dedup keys, stability: the same key sent twice still maps to the same stored key.
 */
public final class StorableText {

    private static final char REPLACEMENT = '\uFFFD';

    private StorableText() {
    }

    /** The text with NULs and lone surrogates replaced; the same instance when it had none. */
    public static String of(String text) {
        if (text == null || storable(text)) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c == 0) {
                chars[i] = REPLACEMENT;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
                    i++;
                } else {
                    chars[i] = REPLACEMENT;
                }
            } else if (Character.isLowSurrogate(c)) {
                chars[i] = REPLACEMENT;
            }
        }
        return new String(chars);
    }

    /** A JSON-shaped value (maps, lists, strings, numbers…) with every string and key made storable. */
    @SuppressWarnings("unchecked")
    public static Object value(Object value) {
        return switch (value) {
            case String text -> of(text);
            case Map<?, ?> map -> map((Map<String, Object>) map);
            case List<?> list -> {
                List<Object> storable = new ArrayList<>(list.size());
                list.forEach(item -> storable.add(value(item)));
                yield storable;
            }
            case null, default -> value;
        };
    }

    /** A JSON object's keys and values made storable, in their order. */
    public static Map<String, Object> map(Map<String, Object> map) {
        if (map == null) {
            return null;
        }
        Map<String, Object> storable = new LinkedHashMap<>();
        map.forEach((key, item) -> storable.put(of(key), value(item)));
        return storable;
    }

    private static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || Character.isSurrogate(c)) {
                // surrogate pairs are storable, but rare enough in alerts to take the slow path
                return false;
            }
        }
        return true;
    }
}
