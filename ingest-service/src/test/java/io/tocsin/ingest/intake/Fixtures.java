package io.tocsin.ingest.intake;

import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.integration.KnownIntegration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** Payload fixtures (written from each tool's documentation, under src/test/resources/fixtures) and integrations. */
public final class Fixtures {

    /** When the tests' requests arrive, unless a fixture says when its event happened. */
    public static final Instant RECEIVED_AT = Instant.parse("2026-01-31T14:00:00Z");

    private Fixtures() {
    }

    /** The fixture's text, e.g. {@code text("alertmanager/firing-two-alerts.json")}. */
    public static String text(String fixture) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + fixture);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture as the JSON payload ingest would read from a request. */
    public static Payload payload(String fixture) {
        String raw = text(fixture);
        return Payload.ofJson(raw, JsonMapper.shared().readTree(raw));
    }

    /** Form fields or a query string ({@code a=1&b=2}, not URL-encoded) as ingest would read them. */
    public static Payload form(String fields) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String pair : fields.split("&")) {
            int eq = pair.indexOf('=');
            parsed.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return Payload.ofFields(fields, parsed);
    }

    public static KnownIntegration integration(IntegrationType type) {
        return integration(type, Map.of());
    }

    public static KnownIntegration integration(IntegrationType type, Map<String, String> settings) {
        return new KnownIntegration(UUID.randomUUID(), UUID.randomUUID(), type.name(), true, settings, null);
    }
}
