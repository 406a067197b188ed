package io.tocsin.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.ContactMethodUpdated;
import io.tocsin.testkit.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.json.JsonMapper;

/** An installation with data from before a migration is upgraded: what existed is numbered and announced. */
class RoutingUpgradeIntegrationTest {

    @Test
    void existingIncidentsAreNumberedByAgeAndExistingContactMethodsAreAnnounced() throws Exception {
        UUID user = UUID.randomUUID();
        UUID phone = UUID.randomUUID();
        UUID service = UUID.randomUUID();
        upgradeFrom("1", jdbc -> {
            jdbc.sql("insert into app_user (id, name, created_at) values (:id, 'Old Timer', now())").param("id", user).update();
            jdbc.sql("insert into contact_method (id, user_id, channel, address, created_at)"
                    + " values (:id, :user, 'SMS', '+12015550160', now())").param("id", phone).param("user", user).update();
            jdbc.sql("insert into service (id, name, created_at) values (:id, 'old', now())").param("id", service).update();
            for (String dedupKey : List.of("newer", "older")) {
                jdbc.sql("""
                        insert into incident (id, service_id, dedup_key, status, urgency, summary, created_at, last_alert_at)
                        values (:id, :service, :dedup, 'RESOLVED', 'HIGH', 'old', :at, :at)
                        """)
                        .param("id", UUID.randomUUID()).param("service", service).param("dedup", dedupKey)
                        .param("at", java.sql.Timestamp.valueOf(dedupKey.equals("older") ? "2024-01-01 00:00:00" : "2025-01-01 00:00:00"))
                        .update();
            }
        }, jdbc -> {
            assertThat(jdbc.sql("select dedup_key from incident order by number").query(String.class).list())
                    .containsExactly("older", "newer");
            jdbc.sql("""
                    insert into incident (id, service_id, dedup_key, status, urgency, summary, created_at, last_alert_at)
                    values (:id, :service, 'new', 'TRIGGERED', 'HIGH', 'new', now(), now())
                    """).param("id", UUID.randomUUID()).param("service", service).update();
            assertThat(jdbc.sql("select number from incident where dedup_key = 'new'").query(Long.class).single()).isEqualTo(3);
            ContactMethodUpdated announced = JsonMapper.builder().build().readValue(
                    jdbc.sql("select payload from outbox where binding = 'contact-methods-out' and message_key = :key")
                            .param("key", phone.toString()).query(String.class).single(), ContactMethodUpdated.class);
            assertThat(announced.userId()).isEqualTo(user);
            assertThat(announced.userName()).isEqualTo("Old Timer");
            assertThat(announced.channel()).isEqualTo(Channel.SMS);
            assertThat(announced.address()).isEqualTo("+12015550160");
            assertThat(announced.removed()).isFalse();
            assertThat(announced.at()).isNotNull();
        });
    }

    @Test
    void escalationTargetsOfTheOldSchemaBecomeTypedAndPostgresRefusesToDeleteWhatAPolicyPages() throws Exception {
        UUID user = UUID.randomUUID();
        UUID schedule = UUID.randomUUID();
        UUID policy = UUID.randomUUID();
        // 7 is the last version before the typed targets that every branch has
        upgradeFrom("7", jdbc -> {
            jdbc.sql("insert into app_user (id, name, created_at) values (:id, 'Old Timer', now())").param("id", user).update();
            jdbc.sql("insert into schedule (id, name, time_zone, created_at) values (:id, 'primary', 'UTC', now())")
                    .param("id", schedule).update();
            jdbc.sql("insert into escalation_policy (id, name, created_at) values (:id, 'old', now())").param("id", policy).update();
            jdbc.sql("insert into escalation_level (policy_id, position, delay_seconds) values (:id, 0, 300)")
                    .param("id", policy).update();
            for (String[] target : List.of(new String[] {"USER", user.toString().toUpperCase()},
                    new String[] {"SCHEDULE", schedule.toString()}, new String[] {"SLACK_CHANNEL", "C024BE91L"},
                    new String[] {"WEBHOOK", "https://hooks.example.com/tocsin"},
                    new String[] {"USER", UUID.randomUUID().toString()})) {
                jdbc.sql("""
                        insert into escalation_target (policy_id, position, target_type, target_id)
                        values (:policy, 0, :type, :id)
                        """).param("policy", policy).param("type", target[0]).param("id", target[1]).update();
            }
        }, jdbc -> {
            assertThat(jdbc.sql("""
                    select target_type || ' ' || coalesce(cast(user_id as text), cast(schedule_id as text), address)
                    from escalation_target order by target_type
                    """).query(String.class).list())
                    .as("each target in its typed column; the one naming a user already gone paged nobody and is dropped")
                    .containsExactly("SCHEDULE " + schedule, "SLACK_CHANNEL C024BE91L", "USER " + user,
                            "WEBHOOK https://hooks.example.com/tocsin");
            // the previous release, still running during a rolling upgrade, writes the text id alone
            jdbc.sql("""
                    insert into escalation_target (policy_id, position, target_type, target_id)
                    values (:policy, 0, 'SCHEDULE', :schedule)
                    """).param("policy", policy).param("schedule", schedule.toString()).update();
            assertThat(jdbc.sql("select count(*) from escalation_target where schedule_id = :schedule")
                    .param("schedule", schedule).query(Long.class).single()).isEqualTo(2);
            assertThatThrownBy(() -> jdbc.sql("delete from app_user where id = :id").param("id", user).update())
                    .hasMessageContaining("escalation_target_user_fk");
            assertThatThrownBy(() -> jdbc.sql("delete from schedule where id = :id").param("id", schedule).update())
                    .hasMessageContaining("escalation_target_schedule_fk");
        });
    }

    @Test
    void eachExistingIncidentBecomesAnIncidentWithOneAlertHoldingItsRepeats() throws Exception {
        UUID service = UUID.randomUUID();
        UUID open = UUID.randomUUID();
        UUID resolved = UUID.randomUUID();
        upgradeFrom("8", jdbc -> {
            jdbc.sql("insert into service (id, name, created_at) values (:id, 'old', now())").param("id", service).update();
            jdbc.sql("""
                    insert into incident (id, service_id, dedup_key, status, urgency, summary, details, alert_count,
                                          created_at, last_alert_at)
                    values (:id, :service, 'disk', 'ACKNOWLEDGED', 'HIGH', 'Disk full', '{"mount": "/var"}', 3,
                            '2026-01-01 00:00:00+00', '2026-01-01 00:05:00+00')
                    """).param("id", open).param("service", service).update();
            jdbc.sql("""
                    insert into incident (id, service_id, dedup_key, status, urgency, summary, created_at,
                                          last_alert_at, resolved_at, resolved_by)
                    values (:id, :service, 'load', 'RESOLVED', 'HIGH', 'Load high', now(), now(), now(), 'monitor')
                    """).param("id", resolved).param("service", service).update();
        }, jdbc -> {
            assertThat(jdbc.sql("select alert_count from incident order by created_at").query(Integer.class).list())
                    .containsExactly(1, 1);
            assertThat(jdbc.sql("""
                    select incident_id, dedup_key, status, trigger_count, details ->> 'mount' as mount,
                           last_triggered_at = '2026-01-01 00:05:00+00' as last_kept, resolved_by
                    from alert order by created_at
                    """).query((rs, n) -> rs.getObject("incident_id") + " " + rs.getString("dedup_key") + " "
                    + rs.getString("status") + " " + rs.getInt("trigger_count") + " " + rs.getString("mount") + " "
                    + rs.getBoolean("last_kept") + " " + rs.getString("resolved_by")).list())
                    .containsExactly(open + " disk TRIGGERED 3 /var true null",
                            resolved + " load RESOLVED 1 null false monitor");
        });
    }

    /** What a test does with the database at one point of the upgrade. */
    private interface Step {
        void run(JdbcClient jdbc) throws Exception;
    }

    /**
     * Migrates a new schema to {@code version}, lets {@code before} write data as that version had it, migrates to the
     * latest version, lets {@code after} check what became of it, and drops the schema.
     */
    private static void upgradeFrom(String version, Step before, Step after) throws Exception {
        String schema = "upgrade_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(TestInfrastructure.jdbcUrl(),
                TestInfrastructure.dbUser(), TestInfrastructure.dbPassword())) {
            var dataSource = new SingleConnectionDataSource(connection, true);
            JdbcClient jdbc = JdbcClient.create(dataSource);
            flyway(dataSource, schema).target(version).load().migrate();
            jdbc.sql("set search_path to " + schema).update();
            before.run(jdbc);
            flyway(dataSource, schema).load().migrate();
            jdbc.sql("set search_path to " + schema).update();
            after.run(jdbc);
            jdbc.sql("drop schema " + schema + " cascade").update();
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(
            javax.sql.DataSource dataSource, String schema) {
        return Flyway.configure().dataSource(dataSource).schemas(schema).createSchemas(true)
                .locations("classpath:db/migration/routing");
    }
}
