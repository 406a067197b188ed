package io.tocsin.routing.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentChanged;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Topics;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.TestKafka;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An alert's trace goes on through routing's outbox: the incident and its pages carry the monitor's trace id. */
@RoutingIntegrationTest
class TraceThroughOutboxIntegrationTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @Autowired
    OnCall onCall;

    @Test
    void theIncidentAndItsPagesContinueTheAlertsTrace() {
        User user = onCall.responder("Tara");
        onCall.pages(user, Channel.SMS, "+12015550171", Duration.ZERO);
        Service service = onCall.service(onCall.policy(0, OnCall.level(Duration.ofMinutes(5), user)));

        try (var incidents = TestKafka.record(Topics.INCIDENTS, IncidentChanged.class);
                var pages = TestKafka.record(Topics.NOTIFICATIONS, NotificationRequested.class)) {
            onCall.alert(service, AlertAction.TRIGGER, "traced", "Traced through the outbox", Map.of(),
                    Map.of("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01"));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(incidents.received()).filteredOn(record -> record.message().serviceId().equals(service.id()))
                        .isNotEmpty()
                        .allSatisfy(record -> assertThat(record.headers().get("traceparent")).contains(TRACE_ID));
                assertThat(pages.received()).filteredOn(record -> record.message().address().equals("+12015550171"))
                        .isNotEmpty()
                        .allSatisfy(record -> assertThat(record.headers().get("traceparent")).contains(TRACE_ID));
            });
        }
    }
}
