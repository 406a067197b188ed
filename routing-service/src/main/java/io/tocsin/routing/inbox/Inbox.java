package io.tocsin.routing.inbox;

import io.tocsin.routing.SqlTime;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Remembers the ids of consumed messages, so that a redelivered message changes nothing the second time. */
@Component
public class Inbox {

    private static final Duration RETENTION = Duration.ofDays(14);

    private final JdbcClient jdbc;
    private final Clock clock;

    Inbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Forgets ids older than {@code RETENTION}: Kafka keeps messages for 7 days by default, so a message
     * older than twice that is not going to be redelivered. Runs hourly on every routing instance.
     */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void prune() {
        jdbc.sql("delete from inbox where processed_at < :before")
                .param("before", SqlTime.of(clock.instant().minus(RETENTION)))
                .update();
    }

    /**
     * Those of the ids seen for the first time, in one statement for a whole poll; call it in the transaction that
     * acts on the messages.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<UUID> firstDeliveries(Collection<UUID> messageIds) {
        return new HashSet<>(jdbc.sql("""
                        insert into inbox (message_id, processed_at)
                        select id, :now from unnest(cast(:ids as uuid[])) as id
                        on conflict do nothing
                        returning message_id
                        """)
                .param("ids", messageIds.stream().map(UUID::toString).toArray(String[]::new))
                .param("now", SqlTime.of(clock.instant()))
                .query(UUID.class)
                .list());
    }

    /** True the first time a message id is seen; call it in the transaction that acts on the message. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(UUID messageId) {
        return jdbc.sql("insert into inbox (message_id, processed_at) values (:id, :now) on conflict do nothing")
                .param("id", messageId)
                .param("now", SqlTime.of(clock.instant()))
                .update() == 1;
    }
}
