package io.tocsin.routing.service;

import io.tocsin.contracts.IntegrationUpdated;
import io.tocsin.contracts.SecretHash;
import io.tocsin.routing.SqlTime;
import io.tocsin.routing.outbox.Outbox;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The keys monitors send alerts with. Only the key's hash is stored, and every change is announced
 * on the compacted integrations topic so that ingest can authenticate without a database.
 */
@Repository
public class Integrations {

    /** The integration type of the PagerDuty Events API v2 endpoint. */
    public static final String EVENTS_V2 = "EVENTS_V2";

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    Integrations(JdbcClient jdbc, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Adds an integration with the given key; the caller shows the key once, Tocsin keeps only its hash. */
    @Transactional
    public UUID create(UUID serviceId, String type, String name, String key) {
        UUID id = UUID.randomUUID();
        String keyHash = SecretHash.of(key);
        jdbc.sql("""
                        insert into integration (id, service_id, type, name, key_hash, enabled, created_at)
                        values (:id, :service, :type, :name, :hash, true, :now)
                        """)
                .param("id", id)
                .param("service", serviceId)
                .param("type", type)
                .param("name", name)
                .param("hash", keyHash)
                .param("now", SqlTime.of(clock.instant()))
                .update();
        outbox.append(Outbox.INTEGRATIONS, keyHash, new IntegrationUpdated(UUID.randomUUID(),
                IntegrationUpdated.SCHEMA_VERSION, keyHash, id, serviceId, type, true, Map.of(), clock.instant()));
        return id;
    }

    public boolean exists(String key) {
        return jdbc.sql("select exists (select 1 from integration where key_hash = :hash)")
                .param("hash", SecretHash.of(key))
                .query(Boolean.class)
                .single();
    }
}
