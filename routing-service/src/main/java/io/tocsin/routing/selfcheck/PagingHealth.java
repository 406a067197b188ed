package io.tocsin.routing.selfcheck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether paging itself works, for a monitor outside Tocsin to poll at /actuator/health/paging: DOWN when a message
 * routing wrote (a page, an incident change) waits in the outbox, or an escalation step is overdue, for longer than
 * {@code tocsin.self-check.max-delay}. It reads the shared database, so every routing instance gives the same answer.
 */
@Component("selfCheck")
class PagingHealth implements HealthIndicator {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration maxDelay;

    PagingHealth(JdbcClient jdbc, Clock clock, SelfCheckProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxDelay = properties.maxDelay();
    }

    @Override
    public Health health() {
        try {
            return delays(clock.instant());
        } catch (DataAccessException e) {
            // a HealthIndicator that throws makes the endpoint a 500; the monitor should read why paging stopped
            return Health.down()
                    .withDetail("database", "unreachable: no escalation step fires and no page leaves routing until"
                            + " it is back (" + e.getMostSpecificCause().getMessage() + ")")
                    .withDetail("maxDelay", maxDelay.toString())
                    .build();
        }
    }

    private Health delays(Instant now) {
        Optional<OffsetDateTime> oldestMessage = jdbc.sql("select min(created_at) from outbox")
                .query(OffsetDateTime.class)
                .optional();
        Optional<OffsetDateTime> oldestTimer = jdbc.sql("select min(due_at) from timer")
                .query(OffsetDateTime.class)
                .optional();
        Duration messageWait = waited(oldestMessage, now);
        Duration timerLateness = waited(oldestTimer, now);
        Health.Builder health = messageWait.compareTo(maxDelay) > 0 || timerLateness.compareTo(maxDelay) > 0
                ? Health.down()
                : Health.up();
        return health.withDetail("outboxOldestWait", messageWait.toString())
                .withDetail("escalationOldestLateness", timerLateness.toString())
                .withDetail("maxDelay", maxDelay.toString())
                .build();
    }

    private static Duration waited(Optional<OffsetDateTime> since, Instant now) {
        return since.map(t -> Duration.between(t.toInstant(), now))
                .filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
    }
}
