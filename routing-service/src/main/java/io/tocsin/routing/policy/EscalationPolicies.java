package io.tocsin.routing.policy;

import io.tocsin.routing.SqlTime;
import io.tocsin.routing.policy.EscalationPolicy.Level;
import io.tocsin.routing.policy.EscalationPolicy.Target;
import io.tocsin.routing.policy.EscalationPolicy.TargetType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Escalation policies with their levels and targets. */
@Repository
public class EscalationPolicies {

    private final JdbcClient jdbc;
    private final Clock clock;

    EscalationPolicies(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<EscalationPolicy> find(UUID id) {
        return findAll(List.of(id)).stream().findFirst();
    }

    /** The policies of the team (every policy if {@code teamId} is null), by name. */
    public List<EscalationPolicy> list(UUID teamId) {
        List<UUID> ids = jdbc.sql("""
                        select id from escalation_policy where (cast(:team as uuid) is null or team_id = :team)
                        order by name, id
                        """)
                .param("team", teamId)
                .query(UUID.class)
                .list();
        Map<UUID, EscalationPolicy> policies = findAll(ids).stream()
                .collect(Collectors.toMap(EscalationPolicy::id, Function.identity()));
        return ids.stream().map(policies::get).filter(Objects::nonNull).toList();
    }

    /** Those of these policies that exist, with their levels and targets, in one statement. */
    public List<EscalationPolicy> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        record Row(UUID id, String name, int repeatCount, UUID teamId, Integer position, Long delaySeconds,
                String targetType, String targetId) {
        }
        List<Row> rows = jdbc.sql("""
                        select p.id, p.name, p.repeat_count, p.team_id, l.position, l.delay_seconds, t.target_type,
                               coalesce(cast(t.user_id as text), cast(t.schedule_id as text), t.address) as target_id
                        from escalation_policy p
                             left join escalation_level l on l.policy_id = p.id
                             left join escalation_target t on t.policy_id = l.policy_id and t.position = l.position
                        where p.id in (:ids)
                        order by p.id, l.position, target_id
                        """)
                .param("ids", List.copyOf(ids))
                .query(Row.class)
                .list();
        Map<UUID, List<Row>> byPolicy = rows.stream()
                .collect(Collectors.groupingBy(Row::id, LinkedHashMap::new, Collectors.toList()));
        return byPolicy.values().stream().map(policyRows -> {
            Row head = policyRows.getFirst();
            Map<Integer, List<Row>> byLevel = policyRows.stream().filter(row -> row.position() != null)
                    .collect(Collectors.groupingBy(Row::position, LinkedHashMap::new, Collectors.toList()));
            List<Level> levels = byLevel.entrySet().stream().map(level -> new Level(level.getKey(),
                    Duration.ofSeconds(level.getValue().getFirst().delaySeconds()), level.getValue().stream()
                            .filter(row -> row.targetType() != null)
                            .map(row -> new Target(TargetType.valueOf(row.targetType()), row.targetId()))
                            .toList()))
                    .toList();
            return new EscalationPolicy(head.id(), head.name(), head.repeatCount(), levels, head.teamId());
        }).toList();
    }

    /** Stores a policy; levels are numbered in the order given. */
    @Transactional
    public EscalationPolicy create(String name, int repeatCount, List<Level> levels, UUID teamId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into escalation_policy (id, name, repeat_count, team_id, created_at)
                        values (:id, :name, :repeat, :team, :now)
                        """)
                .param("id", id)
                .param("name", name)
                .param("repeat", repeatCount)
                .param("team", teamId)
                .param("now", SqlTime.of(clock.instant()))
                .update();
        return new EscalationPolicy(id, name, repeatCount, insertLevels(id, levels), teamId);
    }

    /** Replaces the policy's name, repeat count, levels and team; empty if there is no such policy. */
    @Transactional
    public Optional<EscalationPolicy> replace(UUID id, String name, int repeatCount, List<Level> levels, UUID teamId) {
        int updated = jdbc.sql("""
                        update escalation_policy set name = :name, repeat_count = :repeat, team_id = :team where id = :id
                        """)
                .param("id", id)
                .param("name", name)
                .param("repeat", repeatCount)
                .param("team", teamId)
                .update();
        if (updated == 0) {
            return Optional.empty();
        }
        jdbc.sql("delete from escalation_level where policy_id = :id").param("id", id).update();
        return Optional.of(new EscalationPolicy(id, name, repeatCount, insertLevels(id, levels), teamId));
    }

    public boolean delete(UUID id) {
        return jdbc.sql("delete from escalation_policy where id = :id").param("id", id).update() == 1;
    }

    private List<Level> insertLevels(UUID id, List<Level> levels) {
        List<Level> numbered = new ArrayList<>();
        for (int position = 0; position < levels.size(); position++) {
            Level level = levels.get(position);
            jdbc.sql("insert into escalation_level (policy_id, position, delay_seconds) values (:id, :position, :delay)")
                    .param("id", id)
                    .param("position", position)
                    .param("delay", level.delay().toSeconds())
                    .update();
            for (Target target : level.targets()) {
                jdbc.sql("""
                                insert into escalation_target (policy_id, position, target_type, target_id, user_id,
                                                               schedule_id, address)
                                values (:id, :position, :type, :target, :user, :schedule, :address)
                                """)
                        .param("id", id)
                        .param("position", position)
                        .param("type", target.type().name())
                        // read by the previous release during a rolling upgrade only (V10); dropped a release later
                        .param("target", target.id())
                        .param("user", target.type() == TargetType.USER ? UUID.fromString(target.id()) : null)
                        .param("schedule", target.type() == TargetType.SCHEDULE ? UUID.fromString(target.id()) : null)
                        .param("address", target.type() == TargetType.USER || target.type() == TargetType.SCHEDULE
                                ? null : target.id())
                        .update();
            }
            numbered.add(new Level(position, level.delay(), level.targets()));
        }
        return List.copyOf(numbered);
    }
}
