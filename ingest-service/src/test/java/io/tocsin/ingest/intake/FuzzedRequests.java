package io.tocsin.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.tocsin.contracts.AlertAction;
import io.tocsin.ingest.integration.KnownIntegration;
import java.util.List;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives a {@link Normalizer} with fuzzer-made requests the way {@link Intake} does: the bytes go through the real
 * {@link RequestReader} (content type, query string, body), then the normalizer. The property every webhook type
 * must keep: a request is either turned into well-formed alerts or refused with {@link Rejected} or
 * {@link InvalidPayload} (a 4xx) — any other exception would be a 500 and a monitor's retry storm.
 */
public final class FuzzedRequests {

    /** How long {@code JAZZER_FUZZ=1} fuzzes each target; the regular test run only replays the seed corpus. */
    public static final String FUZZ_DURATION = "2m";

    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=UTF-8",
            "text/plain; charset=UTF-8", "application/x-www-form-urlencoded", "application/vnd.api+json",
            "application/x-www-form-urlencoded; charset=ISO-8859-1", ""};
    private static final long MAX_BODY_BYTES = 512 * 1024;

    private FuzzedRequests() {
    }

    /** One fuzzer-made request through reading and normalizing; fails the fuzz test on any other outcome. */
    public static void normalize(Normalizer normalizer, KnownIntegration integration, FuzzedDataProvider data) {
        String contentType = data.consumeBoolean() ? data.pickValue(CONTENT_TYPES) : data.consumeString(60);
        // the header as sent, unparsed: the mock's own setContentType would parse it (and fail) before ingest does
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/integrations/key/fuzz") {
            @Override
            public String getContentType() {
                return contentType.isEmpty() ? null : contentType;
            }
        };
        String query = data.consumeString(300);
        if (!query.isEmpty()) {
            request.setQueryString(query);
        }
        request.setContent(data.consumeRemainingAsBytes());
        try {
            Payload payload = new RequestReader(JsonMapper.shared(), MAX_BODY_BYTES)
                    .read(request, normalizer.formats());
            wellFormed(normalizer.normalize(payload, integration, Fixtures.RECEIVED_AT));
        } catch (Rejected | InvalidPayload refused) {
            assertThat(refused.getMessage()).as("a refusal says why").isNotBlank();
        }
    }

    /** What routing needs of every alert: an action and a dedup key, and for a trigger a summary and severity. */
    private static void wellFormed(List<Alert> alerts) {
        for (Alert alert : alerts) {
            assertThat(alert.action()).isNotNull();
            assertThat(alert.dedupKey()).isNotBlank();
            if (alert.action() == AlertAction.TRIGGER) {
                assertThat(alert.summary()).isNotBlank();
                assertThat(alert.severity()).isNotNull();
            }
        }
    }
}
