package io.tocsin.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for Twilio's REST API (Messages and Calls) that authenticates and validates requests as
 * api.twilio.com does, so the real Twilio SDK can be pointed at it.
 */
public final class FakeTwilio implements AutoCloseable {

    /**
     * An SMS Twilio accepted; {@code from} is null when it was sent through a Messaging Service, {@code statusCallback}
     * when Twilio was not asked to report on it.
     */
    public record SentSms(String to, String from, String body, String statusCallback) {
    }

    /** A call Twilio accepted, with either the TwiML to play or the URL to fetch it from. */
    public record PlacedCall(String to, String from, String twiml, String url, String statusCallback,
            Integer timeoutSeconds) {
    }

    private static final Pattern RESOURCE = Pattern.compile("/2010-04-01/Accounts/([^/]+)/(Messages|Calls)\\.json");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{7,14}");
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

    private final String accountSid = sid("AC");
    private final String authToken = HexFormat.of().formatHex(randomBytes());
    private final List<SentSms> messages = new CopyOnWriteArrayList<>();
    private final List<PlacedCall> calls = new CopyOnWriteArrayList<>();
    private final List<Consumer<SentSms>> messageListeners = new CopyOnWriteArrayList<>();
    private final InjectedFailures<Failure> failures = new InjectedFailures<>();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private final WireMockServer server;

    public FakeTwilio() {
        server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .disableRequestJournal()
                .extensions(new Api()));
        server.start();
        server.stubFor(any(urlPathMatching(RESOURCE.pattern())).willReturn(aResponse()));
    }

    public String accountSid() {
        return accountSid;
    }

    public String authToken() {
        return authToken;
    }

    /** Where to send what the SDK would send to https://api.twilio.com, e.g. {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** SMS accepted so far, oldest first. */
    public List<SentSms> messages() {
        return List.copyOf(messages);
    }

    /**
     * Calls {@code listener} with each SMS as it is accepted, on the request's thread before Twilio's answer goes
     * back, so that a benchmark can time each page's arrival.
     */
    public void onMessage(Consumer<SentSms> listener) {
        messageListeners.add(listener);
    }

    /** Calls accepted so far, oldest first. */
    public List<PlacedCall> calls() {
        return List.copyOf(calls);
    }

    /**
     * Makes the next {@code count} otherwise valid message or call requests fail with this HTTP status and
     * Twilio error code. Counts HTTP requests, and the Twilio SDK retries some by itself: its Apache HttpClient
     * once after 1 s on 429 and 503, and the SDK up to 3 attempts on any 5xx.
     */
    public void failNext(int count, int httpStatus, int twilioCode) {
        failures.failNext(count, new Failure(httpStatus, twilioCode, Duration.ZERO));
    }

    /**
     * Until {@link #endOutage()}, answers every otherwise valid message or call request with this HTTP status and
     * Twilio error code, {@code delay} after it came in: a delay beyond the SDK's read timeout (30.5 s) is a timeout.
     */
    public void startOutage(int httpStatus, int twilioCode, Duration delay) {
        failures.startOutage(new Failure(httpStatus, twilioCode, delay));
    }

    public void endOutage() {
        failures.endOutage();
    }

    /**
     * Until {@link #release(String)}, leaves every message or call request to this number unanswered, as a Twilio
     * slow to answer for one destination would; then the waiting requests are answered as usual. A hold longer than
     * the SDK's read timeout (30.5 s) is a timeout.
     */
    public void holdAnswersTo(String to) {
        holds.putIfAbsent(to, new Hold(new CountDownLatch(1), new AtomicInteger()));
    }

    /** Answers the requests to this number held so far, and the next ones at once. */
    public void release(String to) {
        Hold hold = holds.remove(to);
        if (hold != null) {
            hold.released().countDown();
        }
    }

    /** How many requests to this number are waiting for {@link #release(String)}. */
    public int waitingFor(String to) {
        Hold hold = holds.get(to);
        return hold == null ? 0 : hold.waiting().get();
    }

    /**
     * The {@code X-Twilio-Signature} Twilio would send with a webhook request to {@code url} (the full public URL, with
     * any query string) carrying these form parameters: Base64(HMAC-SHA1(auth token, url + each name and value,
     * sorted by name)), as Twilio documents. The SDK's RequestValidator can only check one, not make it.
     */
    public String signature(String url, Map<String, String> params) {
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> signed.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Forgets accepted messages and calls, pending failures and an outage, and answers held requests; the credentials
     * stay the same.
     */
    public void reset() {
        List.copyOf(holds.keySet()).forEach(this::release);
        messages.clear();
        calls.clear();
        failures.clear();
    }

    @Override
    public void close() {
        server.stop();
    }

    private record Failure(int httpStatus, int twilioCode, Duration delay) {
    }

    private record Hold(CountDownLatch released, AtomicInteger waiting) {

        void await() {
            waiting.incrementAndGet();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiting.decrementAndGet();
            }
        }
    }

    /** Answers every request under /2010-04-01/Accounts/{sid}/(Messages|Calls).json. */
    private final class Api implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return "fake-twilio";
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            return answer(serveEvent.getRequest()).build();
        }

        private ResponseDefinitionBuilder answer(Request request) {
            Matcher resource = RESOURCE.matcher(request.getUrl().split("\\?", 2)[0]);
            if (!resource.matches() || !RequestMethod.POST.equals(request.getMethod())) {
                return error(405, 20004, "Method not allowed");
            }
            if (!authenticated(request)) {
                return error(401, 20003, "Authenticate").withHeader("WWW-Authenticate", "Basic realm=\"Twilio API\"");
            }
            if (!resource.group(1).equals(accountSid)) {
                return error(404, 20404, "The requested resource " + request.getUrl() + " was not found");
            }
            return resource.group(2).equals("Messages") ? createMessage(request) : createCall(request);
        }

        private boolean authenticated(Request request) {
            String expected = "Basic " + Base64.getEncoder()
                    .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
            return expected.equals(request.getHeader("Authorization"));
        }

        private ResponseDefinitionBuilder createMessage(Request request) {
            String to = param(request, "To");
            String from = param(request, "From");
            String messagingServiceSid = param(request, "MessagingServiceSid");
            String body = param(request, "Body");
            if (to == null) {
                return error(400, 21604, "A 'To' phone number is required.");
            }
            if (from == null && messagingServiceSid == null) {
                return error(400, 21603, "A 'From' phone number is required.");
            }
            if (body == null) {
                return error(400, 21602, "Message body is required.");
            }
            if (!E164.matcher(to).matches()) {
                return error(400, 21211, "The 'To' number " + to + " is not a valid phone number.");
            }
            awaitRelease(to);
            Failure failure = failures.take();
            if (failure != null) {
                return simulated(failure);
            }
            SentSms sms = new SentSms(to, from, body, param(request, "StatusCallback"));
            messages.add(sms);
            messageListeners.forEach(listener -> listener.accept(sms));

            String sid = sid("SM");
            String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid;
            String now = RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC));
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("account_sid", accountSid);
            message.put("api_version", "2010-04-01");
            message.put("body", body);
            message.put("date_created", now);
            message.put("date_sent", null);
            message.put("date_updated", now);
            message.put("direction", "outbound-api");
            message.put("error_code", null);
            message.put("error_message", null);
            message.put("from", from);
            message.put("messaging_service_sid", messagingServiceSid);
            message.put("num_media", "0");
            message.put("num_segments", "1");
            message.put("price", null);
            message.put("price_unit", "USD");
            message.put("sid", sid);
            // Twilio picks the sender later when a Messaging Service sends, and says so with "accepted".
            message.put("status", from == null ? "accepted" : "queued");
            message.put("subresource_uris", Map.of("media", uri + "/Media.json"));
            message.put("to", to);
            message.put("uri", uri + ".json");
            return json(201, message);
        }

        private ResponseDefinitionBuilder createCall(Request request) {
            String to = param(request, "To");
            String from = param(request, "From");
            String url = param(request, "Url");
            String twiml = param(request, "Twiml");
            if (to == null) {
                return error(400, 21201, "No 'To' number is specified");
            }
            if (from == null) {
                return error(400, 21213, "No 'From' number is specified");
            }
            if (url == null && twiml == null) {
                return error(400, 21205, "Either Url, Twiml or ApplicationSid must be specified");
            }
            if (!E164.matcher(to).matches()) {
                return error(400, 21211, "The 'To' number " + to + " is not a valid phone number.");
            }
            awaitRelease(to);
            Failure failure = failures.take();
            if (failure != null) {
                return simulated(failure);
            }
            String timeout = param(request, "Timeout");
            calls.add(new PlacedCall(to, from, twiml, url, param(request, "StatusCallback"),
                    timeout == null ? null : Integer.valueOf(timeout)));

            String sid = sid("CA");
            String uri = "/2010-04-01/Accounts/" + accountSid + "/Calls/" + sid;
            String now = RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC));
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("account_sid", accountSid);
            call.put("answered_by", null);
            call.put("api_version", "2010-04-01");
            call.put("caller_name", null);
            call.put("date_created", now);
            call.put("date_updated", now);
            call.put("direction", "outbound-api");
            call.put("duration", null);
            call.put("end_time", null);
            call.put("from", from);
            call.put("from_formatted", from);
            call.put("parent_call_sid", null);
            call.put("phone_number_sid", null);
            call.put("price", null);
            call.put("price_unit", "USD");
            call.put("sid", sid);
            call.put("start_time", null);
            call.put("status", "queued");
            call.put("subresource_uris", Map.of(
                    "notifications", uri + "/Notifications.json",
                    "recordings", uri + "/Recordings.json"));
            call.put("to", to);
            call.put("to_formatted", to);
            call.put("uri", uri + ".json");
            return json(201, call);
        }

        private void awaitRelease(String to) {
            Hold hold = holds.get(to);
            if (hold != null) {
                hold.await();
            }
        }

        private static ResponseDefinitionBuilder simulated(Failure failure) {
            return error(failure.httpStatus(), failure.twilioCode(), "Simulated failure")
                    .withFixedDelay((int) failure.delay().toMillis());
        }

        private static String param(Request request, String name) {
            FormParameter parameter = request.formParameter(name);
            return parameter.isPresent() && !parameter.firstValue().isEmpty() ? parameter.firstValue() : null;
        }

        private static ResponseDefinitionBuilder error(int status, int code, String message) {
            return json(status, Map.of(
                    "code", code,
                    "message", message,
                    "more_info", "https://www.twilio.com/docs/errors/" + code,
                    "status", status));
        }

        private static ResponseDefinitionBuilder json(int status, Map<String, Object> body) {
            return aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(JsonMapper.shared().writeValueAsString(body));
        }
    }

    private static String sid(String prefix) {
        return prefix + HexFormat.of().formatHex(randomBytes());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
