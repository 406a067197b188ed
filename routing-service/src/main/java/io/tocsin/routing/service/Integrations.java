package io.tocsin.routing.service;

import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.IntegrationUpdated;
import io.tocsin.contracts.SecretHash;
import io.tocsin.routing.SqlTime;
import io.tocsin.routing.heartbeat.Heartbeats;
import io.tocsin.routing.timer.Timer;
import io.tocsin.routing.timer.TimerHandler;
import io.tocsin.routing.timer.Timers;
import io.tocsin.routing.outbox.Outbox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The keys monitors send alerts with. Only the key's hash is stored, and every change is announced
 * on the compacted integrations topic so that ingest can authenticate without a database. A rotated
 * key's expiry is a timer it fires itself.
 */
@Repository
public class Integrations implements TimerHandler {

    private static final Logger log = LoggerFactory.getLogger(Integrations.class);
    /** The timer at which a rotation's retired keys stop working. */
    private static final String KEY_EXPIRY = "KEY_EXPIRY";
    private static final String COLUMNS = """
            id, service_id, type, name, enabled, settings, created_at, key_hash,
            array(select valid_until from retired_integration_key r where r.integration_id = integration.id
                  order by valid_until) as old_keys_valid_until""";
    private static final TypeReference<Map<String, String>> SETTINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final JsonMapper json;
    private final Heartbeats heartbeats;
    private final Timers timers;
    private final Clock clock;

    Integrations(JdbcClient jdbc, Outbox outbox, JsonMapper json, Heartbeats heartbeats, Timers timers, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.json = json;
        this.heartbeats = heartbeats;
        this.timers = timers;
        this.clock = clock;
    }

    /** Adds an integration with the given key; the caller shows the key once, Tocsin keeps only its hash. */
    @Transactional
    public Integration create(UUID serviceId, IntegrationType type, String name, Map<String, String> settings,
            String key) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into integration (id, service_id, type, name, key_hash, enabled, settings, created_at)
                        values (:id, :service, :type, :name, :hash, true, cast(:settings as jsonb), :now)
                        """)
                .param("id", id)
                .param("service", serviceId)
                .param("type", type.name())
                .param("name", name)
                .param("hash", SecretHash.of(key))
                .param("settings", json.writeValueAsString(settings))
                .param("now", SqlTime.of(clock.instant()))
                .update();
        if (type == IntegrationType.HEARTBEAT) {
            heartbeats.watch(id, Heartbeats.interval(settings), clock.instant());
        }
        return announce(id);
    }

    public Optional<Integration> find(UUID serviceId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from integration where id = :id and service_id = :service")
                .param("id", id)
                .param("service", serviceId)
                .query(this::map)
                .optional();
    }

    public List<Integration> list(UUID serviceId) {
        return jdbc.sql("select " + COLUMNS + " from integration where service_id = :service order by created_at, id")
                .param("service", serviceId)
                .query(this::map)
                .list();
    }

    /**
     * Turns the integration on or off: ingest accepts or refuses its key from then on. Empty if there is no such
     * integration.
     */
    @Transactional
    public Optional<Integration> setEnabled(UUID serviceId, UUID id, boolean enabled) {
        int updated = jdbc.sql("update integration set enabled = :enabled where id = :id and service_id = :service")
                .param("enabled", enabled)
                .param("id", id)
                .param("service", serviceId)
                .update();
        if (updated == 0) {
            return Optional.empty();
        }
        Integration integration = announce(id);
        if (enabled && integration.type() == IntegrationType.HEARTBEAT) {
            // a heartbeat switched back on is due one interval from now, as a new one is
            heartbeats.watch(id, Heartbeats.interval(integration.settings()), clock.instant());
        }
        return Optional.of(integration);
    }

    /**
     * Changes the integration's type, name and settings, keeping its key; ingest hears of it as of a creation. Empty
     * if there is no such integration.
     */
    @Transactional
    public Optional<Integration> update(UUID serviceId, UUID id, IntegrationType type, String name,
            Map<String, String> settings) {
        int updated = jdbc.sql("""
                        update integration set type = :type, name = :name, settings = cast(:settings as jsonb)
                        where id = :id and service_id = :service
                        """)
                .param("type", type.name())
                .param("name", name)
                .param("settings", json.writeValueAsString(settings))
                .param("id", id)
                .param("service", serviceId)
                .update();
        if (updated == 0) {
            return Optional.empty();
        }
        Integration integration = announce(id);
        if (integration.enabled() && type == IntegrationType.HEARTBEAT) {
            // a heartbeat's next ping is due one (perhaps new) interval from now, as for a new one
            heartbeats.watch(id, Heartbeats.interval(settings), clock.instant());
        }
        return Optional.of(integration);
    }

    /**
     * Gives the integration a new key; the old one keeps working until {@code oldKeyValidUntil}, when a durable
     * timer tells ingest to refuse it. Empty if there is no such integration.
     */
    @Transactional
    public Optional<Integration> rotateKey(UUID serviceId, UUID id, String newKey, Instant oldKeyValidUntil) {
        int retired = jdbc.sql("""
                        insert into retired_integration_key (key_hash, integration_id, valid_until)
                        select key_hash, id, :until from integration where id = :id and service_id = :service
                        """)
                .param("until", SqlTime.of(oldKeyValidUntil))
                .param("id", id)
                .param("service", serviceId)
                .update();
        if (retired == 0) {
            return Optional.empty();
        }
        jdbc.sql("update integration set key_hash = :hash where id = :id")
                .param("hash", SecretHash.of(newKey))
                .param("id", id)
                .update();
        timers.schedule(Timer.onIntegration(KEY_EXPIRY, id, oldKeyValidUntil));
        return Optional.of(announce(id));
    }

    @Override
    public Set<String> actions() {
        return Set.of(KEY_EXPIRY);
    }

    /** Tells ingest to refuse the integration's retired keys whose time is up; false if none was. */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean fire(Timer expiry, Instant now) {
        UUID integrationId = expiry.integrationId();
        record Expired(String keyHash, Instant validUntil) {
        }
        List<Expired> expired = jdbc.sql("""
                        delete from retired_integration_key where integration_id = :id and valid_until <= :now
                        returning key_hash, valid_until
                        """)
                .param("id", integrationId)
                .param("now", SqlTime.of(now))
                .query((rs, n) -> new Expired(rs.getString("key_hash"), SqlTime.instant(rs, "valid_until")))
                .list();
        if (!expired.isEmpty()) {
            Integration integration = jdbc.sql("select " + COLUMNS + " from integration where id = :id")
                    .param("id", integrationId)
                    .query(this::map)
                    .single();
            expired.forEach(key -> publish(key.keyHash(), integration, false, key.validUntil()));
            log.info("integration={} retired keys expired={}", integrationId, expired.size());
        }
        return !expired.isEmpty();
    }

    /**
     * Announces every integration again, each with its still-valid retired keys, as after a change: for a Kafka
     * cluster that lost the compacted topic. Returns how many keys were announced.
     */
    public int republishAll() {
        List<UUID> ids = jdbc.sql("select id from integration order by created_at, id").query(UUID.class).list();
        ids.forEach(this::announce);
        int keys = ids.size() + jdbc.sql("select count(*) from retired_integration_key").query(Integer.class).single();
        log.info("integrations republished integrations={} keys={}", ids.size(), keys);
        return keys;
    }

    /** Whether the key is an integration's, or a rotated key still accepted: a second integration may not take it. */
    public boolean exists(String key) {
        return jdbc.sql("""
                        select exists (select 1 from integration where key_hash = :hash)
                            or exists (select 1 from retired_integration_key where key_hash = :hash)
                        """)
                .param("hash", SecretHash.of(key))
                .query(Boolean.class)
                .single();
    }

    private Integration announce(UUID id) {
        record Row(Integration integration, String keyHash) {
        }
        Row row = jdbc.sql("select " + COLUMNS + " from integration where id = :id")
                .param("id", id)
                .query((rs, n) -> new Row(map(rs, n), rs.getString("key_hash")))
                .single();
        Integration integration = row.integration();
        publish(row.keyHash(), integration, integration.enabled(), null);
        // a key replaced by a rotation and still valid follows every change of its integration
        jdbc.sql("select key_hash from retired_integration_key where integration_id = :id order by key_hash")
                .param("id", id)
                .query(String.class)
                .list()
                .forEach(retiredKeyHash -> publish(retiredKeyHash, integration, integration.enabled(), null));
        return integration;
    }

    /** {@code keyExpiredAt}: for a rotated key that stopped working, when; ingest tells its callers so. */
    private void publish(String keyHash, Integration integration, boolean enabled, Instant keyExpiredAt) {
        outbox.append(Outbox.INTEGRATIONS, keyHash, new IntegrationUpdated(UUID.randomUUID(),
                IntegrationUpdated.SCHEMA_VERSION, keyHash, integration.id(), integration.serviceId(),
                integration.type().name(), enabled, integration.settings(), clock.instant(), keyExpiredAt));
    }

    private Integration map(ResultSet rs, int row) throws SQLException {
        return new Integration(rs.getObject("id", UUID.class), rs.getObject("service_id", UUID.class),
                IntegrationType.valueOf(rs.getString("type")), rs.getString("name"), rs.getBoolean("enabled"),
                json.readValue(rs.getString("settings"), SETTINGS), SqlTime.instant(rs, "created_at"),
                oldKeysValidUntil(rs));
    }

    /** Until when each key a rotation replaced still works; one whose time is up is not shown before its timer ran. */
    private List<Instant> oldKeysValidUntil(ResultSet rs) throws SQLException {
        Instant now = clock.instant();
        return Arrays.stream((Timestamp[]) rs.getArray("old_keys_valid_until").getArray())
                .map(Timestamp::toInstant)
                .filter(now::isBefore)
                .toList();
    }
}
