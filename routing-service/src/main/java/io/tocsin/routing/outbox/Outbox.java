package io.tocsin.routing.outbox;

import io.tocsin.routing.SqlTime;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages to publish, written in the same transaction as the state change that causes them;
 * the {@link OutboxRelay} publishes them after commit.
 */
@Component
public class Outbox {

    /** Output bindings, configured in routing.yml. */
    public static final String NOTIFICATIONS = "notifications-out";
    public static final String INCIDENTS = "incidents-out";
    public static final String INTEGRATIONS = "integrations-out";
    public static final String CONTACT_METHODS = "contact-methods-out";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final OutboxRelay relay;

    Outbox(JdbcClient jdbc, JsonMapper json, Clock clock, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.relay = relay;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String binding, String key, Object message) {
        jdbc.sql("insert into outbox (binding, message_key, payload, created_at) values (:binding, :key, :payload, :now)")
                .param("binding", binding)
                .param("key", key)
                .param("payload", json.writeValueAsString(message))
                .param("now", SqlTime.of(clock.instant()))
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
    }
}
