package io.tocsin.cli.config;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** The configuration document as a YAML file: read with the line of every value, for errors a person can find. */
public final class DocumentFile {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS, DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            // phone numbers such as +442079460958 must stay strings when read back
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES, YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private DocumentFile() {
    }

    /** A document as read, with the line each value was on (by JSON pointer, e.g. /schedules/0/name). */
    public record Loaded(ConfigDocument document, Map<String, Integer> lines, String source) {

        /** "tocsin.yaml line 12" for the value at the pointer, or the nearest enclosing one that has a line. */
        public String where(String pointer) {
            for (String at = pointer; ; at = at.substring(0, at.lastIndexOf('/'))) {
                Integer line = lines.get(at);
                if (line != null) {
                    return source + " line " + line;
                }
                if (at.isEmpty()) {
                    return source;
                }
            }
        }
    }

    public static Loaded read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new BadDocument("Cannot read " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static Loaded parse(String text, String source) {
        try {
            ConfigDocument document = YAML.readValue(text, ConfigDocument.class);
            if (document == null) {
                document = new ConfigDocument(null, null, null, null, null, null);
            }
            return new Loaded(document, lines(text), source);
        } catch (DatabindException e) {
            throw new BadDocument(source + line(e.getLocation()) + ", " + path(e) + ": " + e.getOriginalMessage());
        } catch (StreamReadException e) {
            throw new BadDocument(source + line(e.getLocation()) + ": not valid YAML: " + e.getOriginalMessage());
        }
    }

    public static String write(ConfigDocument document) {
        return YAML.writeValueAsString(document.canonical());
    }

    public static void write(ConfigDocument document, Writer out) throws IOException {
        out.write(write(document));
        out.flush();
    }

    private static Map<String, Integer> lines(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.PROPERTY_NAME) {
                    continue;
                }
                String pointer = parser.streamReadContext().pathAsPointer().toString();
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    // the container's own pointer is its parent's entry
                    pointer = parser.streamReadContext().getParent() == null ? ""
                            : parser.streamReadContext().getParent().pathAsPointer().toString();
                }
                lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
            }
        }
        return lines;
    }

    private static String line(tools.jackson.core.TokenStreamLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : " line " + location.getLineNr();
    }

    /** schedules[0].rotations[1].shiftUnit: where in the document Jackson stopped. */
    private static String path(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the document" : path.toString();
    }
}
