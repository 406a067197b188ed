package io.tocsin.ingest.intake;

import io.tocsin.contracts.IntegrationType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;

/**
 * Where a tool that cannot put the key in the URL may send it: the {@value #HEADER} header, or
 * {@code Authorization: Bearer <key>} (also {@code Token <key>} and PagerDuty's {@code Token token=<key>}).
 */
public final class IntegrationKeys {

    public static final String HEADER = "X-Tocsin-Integration-Key";
    private static final Set<String> SCHEMES = Set.of("bearer", "token");

    private IntegrationKeys() {
    }

    /** The key in a JSON body's {@code field} (PagerDuty's routing_key and service_key), which must be there. */
    static String fromBody(Payload payload, String field) {
        return JsonFields.text(payload.json(), field).orElseThrow(() -> new InvalidPayload(
                "'" + field + "' is missing; use the integration key of a Tocsin service"));
    }

    static String fromHeaders(HttpServletRequest request, IntegrationType type) {
        String header = request.getHeader(HEADER);
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            String[] credentials = authorization.strip().split("\\s+", 2);
            if (credentials.length == 2 && SCHEMES.contains(credentials[0].toLowerCase(Locale.ROOT))) {
                String token = credentials[1].strip();
                return token.startsWith("token=") ? token.substring("token=".length()) : token;
            }
        }
        throw new Rejected(Reason.MISSING_KEY, "No integration key: put it in the path (" + type.endpoint()
                + "), or send it in the " + HEADER + " header or as Authorization: Bearer <key>");
    }
}
