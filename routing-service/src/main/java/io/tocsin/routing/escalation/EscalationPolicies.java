package io.tocsin.routing.escalation;

import io.tocsin.routing.SqlTime;
import io.tocsin.routing.escalation.EscalationPolicy.Level;
import io.tocsin.routing.escalation.EscalationPolicy.Target;
import io.tocsin.routing.escalation.EscalationPolicy.TargetType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
        record Head(UUID id, String name, int repeatCount, UUID teamId) {
        }
        record TargetRow(int position, String targetType, String targetId) {
        }
        return jdbc.sql("select id, name, repeat_count, team_id from escalation_policy where id = :id")
                .param("id", id)
                .query(Head.class)
                .optional()
                .map(head -> {
                    List<TargetRow> targets = jdbc.sql("""
                                    select position, target_type, target_id from escalation_target
                                    where policy_id = :id order by position, target_id
                                    """)
                            .param("id", id)
                            .query(TargetRow.class)
                            .list();
                    List<Level> levels = jdbc.sql("""
                                    select position, delay_seconds from escalation_level
                                    where policy_id = :id order by position
                                    """)
                            .param("id", id)
                            .query((rs, n) -> {
                                int position = rs.getInt("position");
                                return new Level(position, Duration.ofSeconds(rs.getLong("delay_seconds")),
                                        targets.stream()
                                                .filter(t -> t.position() == position)
                                                .map(t -> new Target(TargetType.valueOf(t.targetType()),
                                                        t.targetId()))
                                                .toList());
                            })
                            .list();
                    return new EscalationPolicy(head.id(), head.name(), head.repeatCount(), levels, head.teamId());
                });
    }

    /** The policies a level of which names this target, as "name (id)", by name. */
    public List<String> targeting(TargetType type, String id) {
        return jdbc.sql("""
                        select p.name || ' (' || p.id || ')' from escalation_policy p
                        where exists (select 1 from escalation_target t where t.policy_id = p.id
                                      and t.target_type = :type and t.target_id = :id)
                        order by 1
                        """)
                .param("type", type.name())
                .param("id", id)
                .query(String.class)
                .list();
    }

    /** The policies of the team (every policy if {@code teamId} is null), by name. */
    public List<EscalationPolicy> list(UUID teamId) {
        return jdbc.sql("""
                        select id from escalation_policy where (cast(:team as uuid) is null or team_id = :team)
                        order by name, id
                        """)
                .param("team", teamId)
                .query(UUID.class)
                .list()
                .stream()
                .flatMap(id -> find(id).stream())
                .toList();
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
                                insert into escalation_target (policy_id, position, target_type, target_id)
                                values (:id, :position, :type, :target)
                                """)
                        .param("id", id)
                        .param("position", position)
                        .param("type", target.type().name())
                        .param("target", target.id())
                        .update();
            }
            numbered.add(new Level(position, level.delay(), level.targets()));
        }
        return List.copyOf(numbered);
    }
}
