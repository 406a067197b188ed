package io.tocsin.routing.escalation;

import static io.tocsin.routing.OnCall.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingApplication;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import io.tocsin.testkit.MutableClock;
import io.tocsin.testkit.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/** Routing scaled out: three instances on one database and broker share the timers, and each fires once. */
@RoutingIntegrationTest
class TwoRoutingInstancesIntegrationTest {

    @Autowired
    OnCall onCall;
    @Autowired
    MutableClock clock;

    private final List<ConfigurableApplicationContext> others = new ArrayList<>();

    @AfterEach
    void stopOthers() {
        others.forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext anotherInstance() {
        ConfigurableApplicationContext instance = RoutingApplication.builder()
                .initializers(context -> ((GenericApplicationContext) context)
                        .registerBean("clock", Clock.class, () -> clock))
                .run("--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
                        "--spring.cloud.stream.kafka.binder.brokers=" + TestInfrastructure.kafkaBootstrapServers(),
                        "--spring.datasource.url=" + TestInfrastructure.jdbcUrl(),
                        "--spring.datasource.username=" + TestInfrastructure.dbUser(),
                        "--spring.datasource.password=" + TestInfrastructure.dbPassword(),
                        "--tocsin.admin-token=" + RoutingIntegrationTest.ADMIN_TOKEN);
        others.add(instance);
        return instance;
    }

    @Test
    void everyDueStepFiresExactlyOnceAcrossInstancesAndSurvivesOneGoingAway() {
        anotherInstance();
        ConfigurableApplicationContext leaving = anotherInstance();
        User first = onCall.responder("First");
        onCall.pages(first, Channel.SMS, "+12015550108", Duration.ZERO);
        onCall.pages(first, Channel.VOICE, "+12015550108", Duration.ofMinutes(1));
        User second = onCall.responder("Second");
        onCall.pages(second, Channel.SMS, "+12015550109", Duration.ZERO);
        Service service = onCall.service(onCall.policy(1,
                level(Duration.ofMinutes(3), first), level(Duration.ofMinutes(3), second)));

        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keys.add("shared-" + i);
            onCall.trigger(service, "shared-" + i, "Shared outage " + i);
        }
        List<UUID> incidents = keys.stream()
                .map(key -> await().atMost(Duration.ofSeconds(30)).until(() -> onCall.incidentId(service, key), id -> id != null))
                .toList();

        // each incident: SMS now, a call at 1 min, level 2 at 3 min, level 1 again at 6 (SMS, call at 7), level 2 at 9
        clock.advance(Duration.ofMinutes(1));
        awaitCaughtUp(incidents);
        leaving.close();
        for (int minute = 2; minute <= 12; minute++) {
            clock.advance(Duration.ofMinutes(1));
            awaitCaughtUp(incidents);
        }
        for (UUID incident : incidents) {
            assertThat(onCall.timeline(incident)).as("pages of " + incident)
                    .filteredOn("NOTIFICATION_QUEUED"::equals).hasSize(6);
            assertThat(onCall.timeline(incident)).filteredOn("ESCALATED"::equals).hasSize(4);
        }
    }

    private void awaitCaughtUp(List<UUID> incidents) {
        await().atMost(Duration.ofSeconds(30)).until(() -> incidents.stream().allMatch(id -> onCall.dueTimers(id) == 0));
    }
}
