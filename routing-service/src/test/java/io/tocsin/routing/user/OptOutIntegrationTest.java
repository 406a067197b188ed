package io.tocsin.routing.user;

import static io.tocsin.routing.AdminApi.ok;
import static io.tocsin.routing.OnCall.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.ContactStatusChanged;
import io.tocsin.contracts.Topics;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.testkit.MutableClock;
import io.tocsin.testkit.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A responder texts STOP: every contact method with that number shows it, and the timeline says why pages fail. */
@RoutingIntegrationTest
class OptOutIntegrationTest {

    private static final Duration A_MOMENT = Duration.ofSeconds(30);
    private static final String NUMBER = "+12015550170";

    @Autowired
    OnCall onCall;
    @Autowired
    AdminApi api;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aStopMarksEveryContactMethodWithThatNumberAndChannelAndAStartClearsIt() throws Exception {
        User mia = onCall.responder("Mia");
        ContactMethod sms = onCall.pages(mia, Channel.SMS, NUMBER, Duration.ZERO);
        ContactMethod voice = onCall.pages(mia, Channel.VOICE, NUMBER, Duration.ofMinutes(2));
        User shared = onCall.responder("Shared phone");
        ContactMethod sharedSms = onCall.pages(shared, Channel.SMS, NUMBER, Duration.ZERO);
        Instant stoppedAt = clock.instant();

        ContactStatusChanged stop = status(true, stoppedAt);
        TestKafka.send(Topics.CONTACT_STATUS, NUMBER, stop);

        await().atMost(A_MOMENT).untilAsserted(() -> {
            JsonNode stopped = listed(mia, sms);
            assertThat(stopped.path("optedOut").asBoolean()).isTrue();
            assertThat(Instant.parse(stopped.path("optedOutAt").asString())).isEqualTo(stoppedAt);
            JsonNode otherChannel = listed(mia, voice);
            assertThat(otherChannel.path("optedOut").asBoolean()).isFalse();
            assertThat(otherChannel.path("optedOutAt").isNull()).isTrue();
        });
        assertThat(optedOut(sharedSms)).isTrue();

        // routing still asks for the SMS (the notifier refuses it); the timeline says why it will fail
        Service service = onCall.service(onCall.policy(0, level(Duration.ofMinutes(5), mia)));
        onCall.trigger(service, "opted-out", "Paging someone who texted STOP");
        UUID incident = onCall.awaitIncident(service, "opted-out");
        await().atMost(A_MOMENT).untilAsserted(() -> assertThat(
                ok(api.call("GET", "/api/v1/incidents/" + incident + "/log", null), 200).path("entries").toString())
                .contains("opted out of SMS since " + stoppedAt));

        clock.advance(Duration.ofMinutes(1));
        TestKafka.send(Topics.CONTACT_STATUS, NUMBER, status(false, clock.instant()));
        await().atMost(A_MOMENT).until(() -> !optedOut(sms) && !optedOut(sharedSms));

        // a redelivered STOP is not a new one; a later message on the same key marks when it was handled
        TestKafka.send(Topics.CONTACT_STATUS, NUMBER, stop);
        ContactStatusChanged marker = new ContactStatusChanged(UUID.randomUUID(), ContactStatusChanged.SCHEMA_VERSION,
                Channel.VOICE, NUMBER, false, "START", clock.instant());
        TestKafka.send(Topics.CONTACT_STATUS, NUMBER, marker);
        await().atMost(A_MOMENT).until(() -> jdbc.sql("select count(*) from inbox where message_id = :id")
                .param("id", marker.id()).query(Long.class).single() == 1);
        assertThat(optedOut(sms)).isFalse();
    }

    private static ContactStatusChanged status(boolean optedOut, Instant at) {
        return new ContactStatusChanged(UUID.randomUUID(), ContactStatusChanged.SCHEMA_VERSION, Channel.SMS, NUMBER,
                optedOut, optedOut ? "STOP" : "START", at);
    }

    /** The contact method as the API lists it with its user's others. */
    private JsonNode listed(User user, ContactMethod method) throws Exception {
        for (JsonNode listed : ok(api.call("GET", "/api/v1/users/" + user.id() + "/contact-methods", null), 200)
                .path("contactMethods")) {
            if (listed.path("id").asString().equals(method.id().toString())) {
                return listed;
            }
        }
        throw new AssertionError("not listed: " + method);
    }

    private boolean optedOut(ContactMethod method) {
        return jdbc.sql("select opted_out_at is not null from contact_method where id = :id")
                .param("id", method.id()).query(Boolean.class).single();
    }
}
