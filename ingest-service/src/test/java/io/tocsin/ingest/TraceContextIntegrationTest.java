package io.tocsin.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.Topics;
import io.tocsin.testkit.TestKafka;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A monitor's trace continues into Kafka: the alert's record carries the request's W3C trace id. */
class TraceContextIntegrationTest extends IngestHttpTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void theAlertRecordCarriesTheTraceOfTheRequestThatBroughtIt() {
        TestIntegration generic = integration(IntegrationType.GENERIC);
        try (var alerts = TestKafka.record(Topics.ALERTS, AlertEvent.class)) {
            assertThat(postJson("/integrations/" + generic.key() + "/generic", "{\"summary\":\"traced\"}",
                    "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01").statusCode()).isEqualTo(202);

            var received = await().atMost(Duration.ofSeconds(30)).until(() -> alerts.received().stream()
                    .filter(record -> record.message().integrationId().equals(generic.integrationId())).findFirst(),
                    found -> found.isPresent()).orElseThrow();
            // traceparent = version-traceId-spanId-flags: same trace, a span of ingest's own
            assertThat(received.headers().get("traceparent")).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01")
                    .doesNotContain("00f067aa0ba902b7");
        }
    }
}
