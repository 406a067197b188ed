package io.tocsin.ingest.intake;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request into a {@link Payload}, enforcing the size limit while reading and the endpoint's content types.
 * The body is read from the raw stream, never through {@code getParameter}, so the original bytes are what is kept.
 */
final class RequestReader {

    private static final MediaType ANY_JSON = MediaType.valueOf("application/*+json");

    private final JsonMapper json;
    private final long maxBodyBytes;

    RequestReader(JsonMapper json, long maxBodyBytes) {
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    Payload read(HttpServletRequest request, Set<BodyFormat> formats) {
        Map<String, String> fields = new LinkedHashMap<>(formFields(request.getQueryString(), StandardCharsets.UTF_8));
        if (request instanceof MultipartHttpServletRequest multipart) {
            requireFormat(formats, BodyFormat.FORM, request.getContentType());
            multipart.getParameterMap().forEach((name, values) -> fields.putIfAbsent(name, values[0]));
            String raw = fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("&"));
            return Payload.ofFields(raw, fields);
        }
        MediaType contentType = contentType(request);
        Charset charset = contentType == null || contentType.getCharset() == null
                ? StandardCharsets.UTF_8 : contentType.getCharset();
        String body = new String(body(request), charset);
        if (formats.contains(BodyFormat.ANY)) {
            if (contentType != null && contentType.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)) {
                fields.putAll(formFields(body, charset));
            }
            return new Payload(body, null, fields);
        }
        if (body.isBlank() && formats.contains(BodyFormat.QUERY)) {
            return Payload.ofFields(request.getQueryString() == null ? "" : request.getQueryString(), fields);
        }
        if (isJson(contentType, formats)) {
            return new Payload(body, parse(body), fields);
        }
        if (contentType != null && contentType.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            requireFormat(formats, BodyFormat.FORM, request.getContentType());
            fields.putAll(formFields(body, charset));
            return Payload.ofFields(body, fields);
        }
        throw unsupported(formats, request.getContentType());
    }

    private static boolean isJson(MediaType contentType, Set<BodyFormat> formats) {
        if (contentType == null) {
            return formats.contains(BodyFormat.JSON) || formats.contains(BodyFormat.TEXT_JSON);
        }
        if (formats.contains(BodyFormat.JSON) && (contentType.isCompatibleWith(MediaType.APPLICATION_JSON)
                || ANY_JSON.includes(contentType))) {
            return true;
        }
        return formats.contains(BodyFormat.TEXT_JSON) && (contentType.isCompatibleWith(MediaType.TEXT_PLAIN)
                || contentType.isCompatibleWith(MediaType.APPLICATION_JSON));
    }

    private JsonNode parse(String body) {
        if (body.isBlank()) {
            throw new Rejected(Reason.MALFORMED, "The body is empty: send a JSON object");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new Rejected(Reason.MALFORMED, "The body is not valid JSON: " + e.getOriginalMessage() + where,
                    List.of(), null, e);
        }
        if (!node.isObject()) {
            throw new Rejected(Reason.MALFORMED, "The body must be a JSON object, not " + node.getNodeType()
                    .name().toLowerCase(Locale.ROOT));
        }
        return node;
    }

    private byte[] body(HttpServletRequest request) {
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (body.length > maxBodyBytes) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new Rejected(Reason.MALFORMED, "The request body could not be read: " + e.getMessage(), List.of(),
                    null, e);
        }
    }

    private Rejected tooLarge() {
        return new Rejected(Reason.TOO_LARGE, "The body is larger than " + maxBodyBytes / 1024 + " KB");
    }

    private static MediaType contentType(HttpServletRequest request) {
        String header = request.getContentType();
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException | IndexOutOfBoundsException e) {
            // Spring's parser throws IndexOutOfBounds for some malformed types, e.g. one opening with a quote ("/x)
            throw new Rejected(Reason.UNSUPPORTED_MEDIA_TYPE, "The Content-Type '" + header + "' cannot be parsed");
        }
    }

    private static void requireFormat(Set<BodyFormat> formats, BodyFormat format, String contentType) {
        if (!formats.contains(format)) {
            throw unsupported(formats, contentType);
        }
    }

    private static Rejected unsupported(Set<BodyFormat> formats, String contentType) {
        String accepted = formats.stream().map(format -> switch (format) {
            case JSON -> "application/json";
            case TEXT_JSON -> "text/plain (JSON)";
            case FORM -> "application/x-www-form-urlencoded, multipart/form-data";
            case QUERY -> "query parameters with an empty body";
            case ANY -> "any";
        }).collect(Collectors.joining(", "));
        return new Rejected(Reason.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type " + contentType + " is not accepted here; send " + accepted);
    }

    private static Map<String, String> formFields(String encoded, Charset charset) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
                fields.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw new Rejected(Reason.MALFORMED, "Badly encoded form or query parameter: " + pair);
            }
        }
        return fields;
    }
}
