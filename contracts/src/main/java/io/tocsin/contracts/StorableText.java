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
        int bad = text == null ? -1 : firstUnstorable(text, 0);
        if (bad < 0) {
            return text;
        }
        StringBuilder storable = new StringBuilder(text.length());
        int from = 0;
        for (; bad >= 0; bad = firstUnstorable(text, from)) {
            storable.append(text, from, bad).append(REPLACEMENT);
            from = bad + 1;
        }
        return storable.append(text, from, text.length()).toString();
    }

    /** Where the first NUL or lone surrogate at or after {@code from} is in the text; -1 when there is none. */
    public static int firstUnstorable(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (c == 0 || Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
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
}
