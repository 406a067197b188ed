package io.tocsin.routing.service;

import io.tocsin.contracts.Urgency;
import io.tocsin.routing.SqlTime;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The services alerts belong to. */
@Repository
public class Services {

    private final JdbcClient jdbc;
    private final Clock clock;

    Services(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Service> find(UUID id) {
        return jdbc.sql("select id, name, escalation_policy_id, urgency from service where id = :id")
                .param("id", id)
                .query(Service.class)
                .optional();
    }

    public boolean any() {
        return jdbc.sql("select exists (select 1 from service)").query(Boolean.class).single();
    }

    public Service create(String name, UUID escalationPolicyId, Urgency urgency) {
        Service service = new Service(UUID.randomUUID(), name, escalationPolicyId, urgency);
        jdbc.sql("""
                        insert into service (id, name, escalation_policy_id, urgency, created_at)
                        values (:id, :name, :policy, :urgency, :now)
                        """)
                .param("id", service.id())
                .param("name", name)
                .param("policy", escalationPolicyId)
                .param("urgency", urgency.name())
                .param("now", SqlTime.of(clock.instant()))
                .update();
        return service;
    }
}
