package io.tocsin.standalone;

import static io.tocsin.standalone.RunningTocsin.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.testkit.FakeTwilio;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The property behind issue 19: whatever ingest answers 202 to becomes an incident. Arbitrary strings (NULs, lone
 * surrogates, control characters, fields of hundreds of kilobytes) go into a PagerDuty Events API v2 trigger through
 * ingest's HTTP endpoint, Kafka and routing into PostgreSQL, all real and in one JVM (this module has every service
 * on its class path). A request ingest refuses must be refused with a 4xx before anything is stored; one it
 * accepts must be an incident under the dedup key it answered with. Tries are few: each is a round trip through all
 * of Tocsin.
 */
class AcceptedAlertsBecomeIncidentsIntegrationTest {

    private static final AtomicInteger TRY = new AtomicInteger();
    private static FakeTwilio twilio;
    private static RunningTocsin tocsin;
    private static String integrationKey;

    @BeforeContainer
    static void startTocsin() {
        twilio = new FakeTwilio();
        tocsin = RunningTocsin.start(twilio, Clock.systemUTC());
        integrationKey = tocsin.service("Arbitrary", Duration.ofMinutes(10),
                tocsin.smsResponder("Fuzz Oncall", "+15557770019"));
        // the first 202 says ingest knows the key
        tocsin.enqueueAccepted(RunningTocsin.trigger(integrationKey, "warm-up", "warm up"));
    }

    @AfterContainer
    static void stopTocsin() {
        RunningTocsin.stop(tocsin, twilio);
    }

    @Property(tries = 15)
    void anAcceptedTriggerIsAnIncident(@ForAll("text") String summary, @ForAll("text") String dedupKey,
            @ForAll("text") String detail) throws Exception {
        // each try its own incident: a dedup key shared with an earlier try would join that one
        String key = "try-" + TRY.incrementAndGet() + "-" + dedupKey.substring(0, Math.min(dedupKey.length(), 200));
        String event = JSON.writeValueAsString(Map.of("routing_key", integrationKey, "event_action", "trigger",
                "dedup_key", key, "payload", Map.of("summary", summary, "source", "fuzz", "severity", "critical",
                        "custom_details", Map.of(detail, detail))));

        HttpResponse<String> response = tocsin.enqueue(event);

        if (response.statusCode() != 202) {
            assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
            return;
        }
        String stored = JSON.readTree(response.body()).path("dedup_key").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> tocsin.incident(stored), Objects::nonNull);
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withChars('\u0000', '\uD800', '\uDC00', '\u0007', '\u001F', '\u007F', 'a', 'é')
                        .ofMinLength(1).ofMaxLength(50),
                Arbitraries.strings().withChars('\u0000', 'x', '\uD83D').ofMinLength(100_000).ofMaxLength(400_000),
                Arbitraries.of("nul \u0000 here", "disk\u0000full", "\uD800", " ", ""));
    }
}
