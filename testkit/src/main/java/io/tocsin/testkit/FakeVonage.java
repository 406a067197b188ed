package io.tocsin.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for Vonage's SMS API ({@code POST /sms/json}) and Voice API ({@code POST /v1/calls}) that
 * authenticates and validates requests as Vonage documents them (API key and secret for SMS; for calls a JWT signed
 * RS256 with the application's private key, naming the application), so the real Vonage SDK can be pointed at it.
 * It also signs webhooks as Vonage does: {@code sig} for SMS webhooks, a JWT for voice webhooks.
 */
public final class FakeVonage implements AutoCloseable {

    /** An SMS Vonage accepted; {@code callback}: where its delivery receipt is to go, if asked for. */
    public record SentSms(String id, String to, String from, String text, String callback) {
    }

    /** A call Vonage accepted: to and from as Vonage writes numbers (no plus), where it fetches its NCCO. */
    public record PlacedCall(String uuid, String to, String from, String answerUrl, String eventUrl,
            Integer ringingTimer) {
    }

    private static final Pattern NUMBER = Pattern.compile("[1-9]\\d{7,14}");

    private final String apiKey = hex(4);
    private final String apiSecret = hex(8);
    private final String signatureSecret = hex(16);
    private final String applicationId = UUID.randomUUID().toString();
    private final KeyPair applicationKey;
    private final List<SentSms> messages = new CopyOnWriteArrayList<>();
    private final List<PlacedCall> calls = new CopyOnWriteArrayList<>();
    private final List<Consumer<SentSms>> messageListeners = new CopyOnWriteArrayList<>();
    private final InjectedFailures<Failure> failures = new InjectedFailures<>();
    private final WireMockServer server;

    public FakeVonage() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            applicationKey = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .disableRequestJournal()
                .extensions(new Api()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse()));
    }

    public String apiKey() {
        return apiKey;
    }

    public String apiSecret() {
        return apiSecret;
    }

    /** The account's signature secret, which signs its webhooks. */
    public String signatureSecret() {
        return signatureSecret;
    }

    public String applicationId() {
        return applicationId;
    }

    /** The voice application's private key, PEM, as the dashboard hands it out. */
    public String privateKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(applicationKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** Where to send what the SDK would send to rest.nexmo.com and api.nexmo.com. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public List<SentSms> messages() {
        return List.copyOf(messages);
    }

    /** Calls {@code listener} with each SMS as it is accepted, before Vonage's answer goes back. */
    public void onMessage(Consumer<SentSms> listener) {
        messageListeners.add(listener);
    }

    public List<PlacedCall> calls() {
        return List.copyOf(calls);
    }

    /** Makes the next {@code count} otherwise valid SMS or call requests fail with this HTTP status. */
    public void failNext(int count, int httpStatus) {
        failures.failNext(count, new Failure(httpStatus, Duration.ZERO));
    }

    /** Until {@link #endOutage()}, answers every otherwise valid request with this status, {@code delay} late. */
    public void startOutage(int httpStatus, Duration delay) {
        failures.startOutage(new Failure(httpStatus, delay));
    }

    public void endOutage() {
        failures.endOutage();
    }

    /** Forgets accepted messages and calls, pending failures and an outage; the credentials stay the same. */
    public void reset() {
        messages.clear();
        calls.clear();
        failures.clear();
    }

    /**
     * The parameters of an SMS webhook (inbound message, delivery receipt) as Vonage signs them: with
     * {@code timestamp} ({@code at}, Unix seconds) and {@code sig}, the MD5 of each parameter sorted by name as
     * {@code &name=value} ({@code &} and {@code =} in them made {@code _}) followed by the signature secret, in hex.
     */
    public Map<String, String> signed(Map<String, String> params, Instant at) {
        Map<String, String> signed = new TreeMap<>(params);
        signed.put("timestamp", Long.toString(at.getEpochSecond()));
        StringBuilder text = new StringBuilder();
        signed.forEach((name, value) -> text.append('&').append(name.replaceAll("[&=]", "_")).append('=')
                .append(value.replaceAll("[&=]", "_")));
        try {
            signed.put("sig", HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest((text + signatureSecret).getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return signed;
    }

    /**
     * The {@code Authorization} header of a voice webhook with this body (empty for an answer URL fetched by GET):
     * {@code Bearer} and a JWT signed HS256 with the signature secret, issued {@code at}, whose {@code payload_hash}
     * is the body's SHA-256 in hex.
     */
    public String voiceAuthorization(byte[] body, Instant at) {
        try {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iat", at.getEpochSecond());
            claims.put("jti", UUID.randomUUID().toString());
            claims.put("iss", "Vonage");
            claims.put("application_id", applicationId);
            claims.put("api_key", apiKey);
            if (body.length > 0) {
                claims.put("payload_hash", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
            }
            String unsigned = base64(JsonMapper.shared().writeValueAsBytes(Map.of("alg", "HS256", "typ", "JWT")))
                    + "." + base64(JsonMapper.shared().writeValueAsBytes(claims));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signatureSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "Bearer " + unsigned + "." + base64(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    private record Failure(int httpStatus, Duration delay) {
    }

    private final class Api implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return "fake-vonage";
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            return answer(serveEvent.getRequest()).build();
        }

        private ResponseDefinitionBuilder answer(Request request) {
            String path = request.getUrl().split("\\?", 2)[0];
            if (!RequestMethod.POST.equals(request.getMethod())) {
                return problem(405, "Method Not Allowed", "Only POST is supported here");
            }
            return switch (path) {
                case "/sms/json" -> sms(request);
                case "/v1/calls", "/v1/calls/" -> call(request);
                default -> problem(404, "Not Found", "No such resource: " + path);
            };
        }

        /** The SMS API answers 200 with a status per message; only a broken request or an outage is an HTTP error. */
        private ResponseDefinitionBuilder sms(Request request) {
            Map<String, String> params = params(request);
            String basic = "Basic " + Base64.getEncoder().encodeToString((apiKey + ":" + apiSecret)
                    .getBytes(StandardCharsets.UTF_8));
            // the SMS API takes the key and secret as parameters, or as HTTP basic authentication (the SDK's way)
            boolean authenticated = basic.equals(request.getHeader("Authorization"))
                    || apiKey.equals(params.get("api_key")) && apiSecret.equals(params.get("api_secret"));
            if (!authenticated) {
                return smsStatus("4", "Bad Credentials", null);
            }
            String to = params.get("to");
            String from = params.get("from");
            String text = params.get("text");
            if (to == null || from == null || text == null) {
                return smsStatus("2", "Missing to, from or text", null);
            }
            if (!NUMBER.matcher(to).matches()) {
                return smsStatus("3", "Invalid to address: " + to + " (E.164 without +)", null);
            }
            Failure failure = failures.take();
            if (failure != null) {
                return problem(failure.httpStatus(), "Simulated failure", "The fake is failing on purpose")
                        .withFixedDelay((int) failure.delay().toMillis());
            }
            String id = hex(8);
            SentSms sms = new SentSms(id, to, from, text,
                    "1".equals(params.get("status-report-req")) ? params.get("callback") : null);
            messages.add(sms);
            messageListeners.forEach(listener -> listener.accept(sms));
            return smsStatus("0", null, Map.of("to", to, "message-id", id));
        }

        private ResponseDefinitionBuilder call(Request request) {
            String auth = request.getHeader("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !signedByApplication(auth.substring(7))) {
                return problem(401, "Invalid token", "Calls need a JWT signed with the application's private key");
            }
            JsonNode body = JsonMapper.shared().readTree(request.getBodyAsString());
            String to = body.path("to").path(0).path("number").asString(null);
            String from = body.path("from").path("number").asString(null);
            String answerUrl = body.path("answer_url").path(0).asString(null);
            if (to == null || from == null || (answerUrl == null && !body.has("ncco"))) {
                return problem(400, "Bad Request", "to, from and answer_url or ncco are required");
            }
            if (!NUMBER.matcher(to).matches()) {
                return problem(400, "Bad Request", "Invalid to number: " + to + " (E.164 without +)");
            }
            Failure failure = failures.take();
            if (failure != null) {
                return problem(failure.httpStatus(), "Simulated failure", "The fake is failing on purpose")
                        .withFixedDelay((int) failure.delay().toMillis());
            }
            String uuid = UUID.randomUUID().toString();
            calls.add(new PlacedCall(uuid, to, from, answerUrl, body.path("event_url").path(0).asString(null),
                    body.has("ringing_timer") ? body.path("ringing_timer").asInt() : null));
            return json(201, Map.of("uuid", uuid, "status", "started", "direction", "outbound",
                    "conversation_uuid", "CON-" + UUID.randomUUID()));
        }

        private boolean signedByApplication(String jwt) {
            String[] parts = jwt.split("\\.");
            if (parts.length != 3) {
                return false;
            }
            try {
                JsonNode header = JsonMapper.shared().readTree(Base64.getUrlDecoder().decode(parts[0]));
                JsonNode claims = JsonMapper.shared().readTree(Base64.getUrlDecoder().decode(parts[1]));
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initVerify(applicationKey.getPublic());
                rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
                return "RS256".equals(header.path("alg").asString(""))
                        && rsa.verify(Base64.getUrlDecoder().decode(parts[2]))
                        && applicationId.equals(claims.path("application_id").asString(""));
            } catch (GeneralSecurityException | RuntimeException e) {
                return false;
            }
        }

        /** Form body and query string together, as the SMS API reads them. */
        private static Map<String, String> params(Request request) {
            Map<String, String> params = new LinkedHashMap<>();
            String query = request.getUrl().contains("?") ? request.getUrl().split("\\?", 2)[1] : "";
            String body = request.getBodyAsString();
            for (String source : List.of(query, body == null ? "" : body)) {
                for (String pair : source.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    String[] nameValue = pair.split("=", 2);
                    params.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                            nameValue.length == 2 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
                }
            }
            return params;
        }

        private static ResponseDefinitionBuilder smsStatus(String status, String errorText, Map<String, String> ok) {
            Map<String, Object> message = new LinkedHashMap<>();
            if (ok != null) {
                message.putAll(ok);
                message.put("remaining-balance", "10.00");
                message.put("message-price", "0.0333");
                message.put("network", "23410");
            }
            message.put("status", status);
            if (errorText != null) {
                message.put("error-text", errorText);
            }
            return json(200, Map.of("message-count", "1", "messages", List.of(message)));
        }

        private static ResponseDefinitionBuilder problem(int status, String title, String detail) {
            return json(status, Map.of("type", "https://developer.vonage.com/api-errors#" + status, "title", title,
                    "detail", detail));
        }

        private static ResponseDefinitionBuilder json(int status, Map<String, Object> body) {
            return aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(JsonMapper.shared().writeValueAsString(body));
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
