package io.tocsin.notifier.vonage;

import io.tocsin.notifier.RequestRefused;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets through to /webhooks/vonage/** only requests Vonage signed with the account's signature secret, within five
 * minutes of the notifier's clock. SMS webhooks (inbound messages, delivery receipts) carry {@code sig} over their
 * parameters sorted by name, each as {@code &name=value} with {@code &} and {@code =} in them made {@code _}: MD5 of
 * that and the secret (md5hash), or its HMAC with the secret (md5, sha1, sha256, sha512), in hex. Voice webhooks carry
 * {@code Authorization: Bearer} with a JWT signed HS256 with the secret, whose {@code payload_hash} is the SHA-256 of
 * the body. Anything else is answered 403 before a controller sees it. The SDK's own check logs every parameter (the
 * phone numbers too) and reads the system clock, so this one is Tocsin's.
 */
final class VonageSignatureFilter extends OncePerRequestFilter {

    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final String VOICE = "/webhooks/vonage/voice/";

    private final VonageProperties properties;
    private final Clock clock;

    VonageSignatureFilter(VonageProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (properties.signatureSecret() == null || properties.signatureSecret().isBlank()) {
            RequestRefused.unsigned("Vonage", "TOCSIN_VONAGE_SIGNATURE_SECRET is not set, so Vonage's webhooks cannot"
                    + " be checked: set it to the signature secret of the Vonage account (and turn on signed"
                    + " webhooks there)").writeTo(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(VOICE)) {
            CachedBody cached = new CachedBody(request);
            String refusal = jwtRefusal(request.getHeader("Authorization"), cached.body);
            if (refusal != null) {
                RequestRefused.unsigned("Vonage", refusal).writeTo(request, response);
                return;
            }
            chain.doFilter(cached, response);
            return;
        }
        String refusal = sigRefusal(request.getParameterMap());
        if (refusal != null) {
            RequestRefused.unsigned("Vonage", refusal).writeTo(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Why the parameters' {@code sig} is not Vonage's, or null if it is. */
    private String sigRefusal(Map<String, String[]> parameters) {
        Map<String, String> params = new TreeMap<>();
        parameters.forEach((name, values) -> params.put(name, values.length == 0 ? "" : values[0]));
        String sig = params.remove("sig");
        if (sig == null || sig.isBlank()) {
            return "The request has no sig parameter: only Vonage's signed webhooks are answered here (turn on"
                    + " signed webhooks for the account)";
        }
        String timestamp = params.get("timestamp");
        if (timestamp == null || !timestamp.matches("\\d{1,12}")
                || outsideWindow(Instant.ofEpochSecond(Long.parseLong(timestamp)))) {
            return "The request's timestamp is missing or more than " + WINDOW.toMinutes() + " minutes away from now";
        }
        if (!MessageDigest.isEqual(sig.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                signature(params, properties.signatureSecret(), properties.signatureMethod())
                        .getBytes(StandardCharsets.US_ASCII))) {
            return "The sig does not match the request: check that TOCSIN_VONAGE_SIGNATURE_SECRET and"
                    + " TOCSIN_VONAGE_SIGNATURE_METHOD (" + properties.signatureMethod() + ") are the account's";
        }
        return null;
    }

    /** Vonage's signature of these parameters (without sig), lower-case hex. */
    static String signature(Map<String, String> params, String secret, String method) {
        StringBuilder signed = new StringBuilder();
        new TreeMap<>(params).forEach((name, value) -> signed.append('&').append(clean(name)).append('=')
                .append(clean(value)));
        try {
            if (method.equalsIgnoreCase("md5hash")) {
                return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                        .digest((signed + secret).getBytes(StandardCharsets.UTF_8)));
            }
            String algorithm = "Hmac" + method.toUpperCase(Locale.ROOT);
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TOCSIN_VONAGE_SIGNATURE_METHOD " + method + " is not one of md5hash, md5,"
                    + " sha1, sha256, sha512", e);
        }
    }

    private static String clean(String text) {
        return text.replaceAll("[&=]", "_");
    }

    /** Why the bearer token is not a JWT Vonage signed for this body, or null if it is. */
    private String jwtRefusal(String authorization, byte[] body) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "The request has no Authorization: Bearer token: only Vonage's signed voice webhooks are answered"
                    + " here";
        }
        String[] parts = authorization.substring(7).strip().split("\\.");
        if (parts.length != 3) {
            return "The bearer token is not a JWT";
        }
        try {
            JsonNode header = JsonMapper.shared().readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asString(""))) {
                return "The JWT is not signed with HS256, as Vonage signs its webhooks";
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(properties.signatureSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
                return "The JWT's signature does not match: check that TOCSIN_VONAGE_SIGNATURE_SECRET is the account's"
                        + " signature secret";
            }
            JsonNode claims = JsonMapper.shared().readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!claims.path("iat").canConvertToLong() || outsideWindow(Instant.ofEpochSecond(claims.path("iat")
                    .asLong()))) {
                return "The JWT was issued more than " + WINDOW.toMinutes() + " minutes away from now";
            }
            if (body.length > 0 || claims.has("payload_hash")) {
                String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
                if (!hash.equalsIgnoreCase(claims.path("payload_hash").asString(""))) {
                    return "The JWT's payload_hash does not match the body: the request was changed on its way";
                }
            }
            return null;
        } catch (IllegalArgumentException | GeneralSecurityException | tools.jackson.core.JacksonException e) {
            return "The bearer token is not a JWT";
        }
    }

    private boolean outsideWindow(Instant at) {
        return Duration.between(at, clock.instant()).abs().compareTo(WINDOW) > 0;
    }

    /** The request with its body read once, for the hash, and readable again by the controller. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request) throws IOException {
            super(request);
            this.body = request.getInputStream().readAllBytes();
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("read synchronously");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
