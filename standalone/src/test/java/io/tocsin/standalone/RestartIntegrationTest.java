package io.tocsin.standalone;

import static io.tocsin.standalone.RunningTocsin.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.testkit.FakeTwilio;
import io.tocsin.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Tocsin stopped in the middle of an escalation and started again: the incident is there and the next level fires, once. */
class RestartIntegrationTest {

    private final FakeTwilio twilio = new FakeTwilio();
    private final MutableClock clock = MutableClock.startingNow();
    private RunningTocsin tocsin;

    @AfterEach
    void stop() {
        if (tocsin != null) {
            tocsin.close();
        }
        twilio.close();
    }

    @Test
    void anEscalationGoesOnAfterARestart() throws Exception {
        tocsin = RunningTocsin.start(twilio, clock);
        String key = tocsin.service("Payments", Duration.ofMinutes(5),
                tocsin.smsResponder("Level One", "+15558880001"), tocsin.smsResponder("Level Two", "+15558880002"));
        tocsin.enqueueAccepted(trigger(key, "payments-down", "Payments are failing"));
        await().atMost(Duration.ofSeconds(30)).until(() -> twilio.messages().size() == 1);

        tocsin.close();
        tocsin = RunningTocsin.start(twilio, clock);

        JsonNode incident = tocsin.incident("payments-down");
        assertThat(incident.path("status").asString()).isEqualTo("TRIGGERED");
        clock.advance(Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(30)).until(() -> tocsin.timeline(incident.path("id").asString())
                .stream().filter("NOTIFICATION_SENT"::equals).count() == 2);
        assertThat(twilio.messages()).extracting(FakeTwilio.SentSms::to)
                .containsExactly("+15558880001", "+15558880002");
    }
}
