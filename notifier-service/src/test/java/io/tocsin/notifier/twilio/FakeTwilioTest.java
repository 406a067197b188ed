package io.tocsin.notifier.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.jayway.jsonpath.JsonPath;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import io.tocsin.testkit.FakeTwilio;

/**
 * Drives the fake with the real Twilio SDK through the notifier's own HTTP client, so the fake answers the way the
 * SDK expects api.twilio.com to, and the client sends what the SDK asks for once.
 */
class FakeTwilioTest {

    private static final PhoneNumber ON_CALL = new PhoneNumber("+15551230001");
    private static final PhoneNumber TOCSIN = new PhoneNumber("+15551230000");

    private static final FakeTwilio twilio = new FakeTwilio();

    private final TwilioRestClient client = client(twilio.authToken());

    @BeforeEach
    void reset() {
        twilio.reset();
    }

    @AfterAll
    static void stop() {
        twilio.close();
    }

    @Test
    void acceptsAnSmsFromTheSdk() {
        Message message = Message.creator(ON_CALL, TOCSIN, "CRITICAL db-primary down").create(client);

        assertThat(message.getSid()).matches("SM[0-9a-f]{32}");
        assertThat(message.getAccountSid()).isEqualTo(twilio.accountSid());
        assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
        assertThat(message.getDateCreated()).isNotNull();
        assertThat(message.getTo()).isEqualTo("+15551230001");
        assertThat(twilio.messages()).containsExactly(
                new FakeTwilio.SentSms("+15551230001", "+15551230000", "CRITICAL db-primary down", null));
    }

    @Test
    void tellsListenersOfEachAcceptedSms() {
        List<FakeTwilio.SentSms> heard = new CopyOnWriteArrayList<>();
        twilio.onMessage(heard::add);

        Message.creator(ON_CALL, TOCSIN, "CRITICAL db-primary down").create(client);

        assertThat(heard).containsExactly(
                new FakeTwilio.SentSms("+15551230001", "+15551230000", "CRITICAL db-primary down", null));
    }

    @Test
    void placesACallFromTheSdk() {
        Call call = Call.creator(ON_CALL, TOCSIN, new Twiml("<Response><Say>db-primary down</Say></Response>"))
                .create(client);

        assertThat(call.getSid()).matches("CA[0-9a-f]{32}");
        assertThat(call.getStatus()).isEqualTo(Call.Status.QUEUED);
        assertThat(twilio.calls()).containsExactly(new FakeTwilio.PlacedCall(
                "+15551230001", "+15551230000", "<Response><Say>db-primary down</Say></Response>", null, null, null));
    }

    @Test
    void signsWebhooksAsTheSdksValidatorExpects() {
        String url = "https://pager.example.test/webhooks/twilio/voice?page=7";
        Map<String, String> params = Map.of("From", "+15551230001", "Body", "12a", "MessageSid", "SM1");

        String signature = twilio.signature(url, params);

        assertThat(new RequestValidator(twilio.authToken()).validate(url, params, signature)).isTrue();
        assertThat(new RequestValidator("0".repeat(32)).validate(url, params, signature)).isFalse();
        assertThat(new RequestValidator(twilio.authToken()).validate(url, Map.of("Body", "12c"), signature)).isFalse();
    }

    @Test
    void rejectsAWrongAuthToken() {
        TwilioRestClient impostor = client("0".repeat(32));

        assertThatThrownBy(() -> Message.creator(ON_CALL, TOCSIN, "hello").create(impostor))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(20003);
                    assertThat(e.getStatusCode()).isEqualTo(401);
                });
        assertThat(twilio.messages()).isEmpty();
    }

    @Test
    void rejectsANumberThatIsNotE164() {
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("555-0100"), TOCSIN, "hello").create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(21211);
                    assertThat(e.getStatusCode()).isEqualTo(400);
                });
        assertThat(twilio.messages()).isEmpty();
    }

    @Test
    void failsTheNextSendsAsToldThenRecovers() {
        twilio.failNext(1, 400, 21610);

        assertThatThrownBy(() -> Message.creator(ON_CALL, TOCSIN, "first").create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(21610);
                    assertThat(e.getStatusCode()).isEqualTo(400);
                });
        Message.creator(ON_CALL, TOCSIN, "second").create(client);

        assertThat(twilio.messages()).extracting(FakeTwilio.SentSms::body).containsExactly("second");
    }

    /**
     * Each send is one request: neither the SDK (a 5xx three times) nor its Apache client (a 429 or 503 once) repeats
     * a failure, which Tocsin retries itself with every attempt on the timeline.
     */
    @ParameterizedTest
    @CsvSource({"500, 20500", "503, 20503", "429, 20429"})
    void aFailedRequestIsNotRepeatedByTheSdk(int httpStatus, int twilioCode) {
        twilio.failNext(1, httpStatus, twilioCode);

        assertThatThrownBy(() -> Message.creator(ON_CALL, TOCSIN, "first").create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(httpStatus));
        Message.creator(ON_CALL, TOCSIN, "second").create(client);

        assertThat(twilio.messages()).extracting(FakeTwilio.SentSms::body).containsExactly("second");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Messages | From=%2B15551230000&Body=hi                | 21604
            Messages | To=%2B15551230001&Body=hi                  | 21603
            Messages | To=%2B15551230001&From=%2B15551230000      | 21602
            Calls    | From=%2B15551230000&Url=http://x/twiml     | 21201
            Calls    | To=%2B15551230001&Url=http://x/twiml       | 21213
            Calls    | To=%2B15551230001&From=%2B15551230000      | 21205
            """)
    void rejectsMissingParametersWithTwiliosErrorCodes(String resource, String form, int code) throws Exception {
        HttpResponse<String> response = post(resource, form, twilio.accountSid() + ":" + twilio.authToken());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JsonPath.<Integer>read(response.body(), "$.code")).isEqualTo(code);
        assertThat(JsonPath.<String>read(response.body(), "$.more_info"))
                .isEqualTo("https://www.twilio.com/docs/errors/" + code);
        assertThat(twilio.messages()).isEmpty();
        assertThat(twilio.calls()).isEmpty();
    }

    @Test
    void answersAMissingLoginWithTwiliosAuthenticateError() throws Exception {
        HttpResponse<String> response = post("Messages", "To=%2B15551230001&From=%2B15551230000&Body=hi", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JsonPath.<Map<String, Object>>read(response.body(), "$")).isEqualTo(Map.of(
                "code", 20003,
                "message", "Authenticate",
                "more_info", "https://www.twilio.com/docs/errors/20003",
                "status", 401));
    }

    private static HttpResponse<String> post(String resource, String form, String login) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        twilio.baseUrl() + "/2010-04-01/Accounts/" + twilio.accountSid() + "/" + resource + ".json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (login != null) {
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static TwilioRestClient client(String authToken) {
        return new TwilioRestClient.Builder(twilio.accountSid(), authToken)
                .httpClient(new TwilioHttpClient(URI.create(twilio.baseUrl())))
                .build();
    }
}
