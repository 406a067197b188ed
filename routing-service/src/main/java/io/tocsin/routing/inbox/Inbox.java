package io.tocsin.routing.inbox;

import io.tocsin.routing.SqlTime;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Remembers the ids of consumed messages, so that a redelivered message changes nothing the second time. */
@Component
public class Inbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    Inbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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
