package io.tocsin.routing.schedule;

import io.tocsin.routing.SqlTime;
import io.tocsin.routing.schedule.Rotation.ShiftUnit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Schedules with their rotations and overrides. */
@Repository
public class Schedules {

    private final JdbcClient jdbc;
    private final Clock clock;

    Schedules(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The schedule with its rotations and the overrides that have not ended by {@code from}. */
    public Optional<Schedule> find(UUID id, Instant from) {
        record Head(UUID id, String name, String timeZone, UUID teamId) {
        }
        return jdbc.sql("select id, name, time_zone, team_id from schedule where id = :id")
                .param("id", id)
                .query(Head.class)
                .optional()
                .map(head -> new Schedule(head.id(), head.name(), ZoneId.of(head.timeZone()), rotations(id),
                        overrides(id, from), head.teamId()));
    }

    /** Every schedule, by name, each with the overrides that have not ended by {@code from}. */
    public List<Schedule> all(Instant from) {
        return all(from, null);
    }

    /** The team's schedules (every schedule if {@code teamId} is null), by name, as {@link #all(Instant)}. */
    public List<Schedule> all(Instant from, UUID teamId) {
        return jdbc.sql("select id from schedule where (cast(:team as uuid) is null or team_id = :team) order by name, id")
                .param("team", teamId)
                .query(UUID.class)
                .list()
                .stream()
                .flatMap(id -> find(id, from).stream())
                .toList();
    }

    public boolean exists(UUID id) {
        return jdbc.sql("select exists (select 1 from schedule where id = :id)").param("id", id).query(Boolean.class)
                .single();
    }

    private List<Rotation> rotations(UUID scheduleId) {
        record Row(UUID id, String name, LocalDateTime startsAt, int shiftLength, String shiftUnit, int layer) {
        }
        return jdbc.sql("""
                        select id, name, starts_at, shift_length, shift_unit, layer from rotation
                        where schedule_id = :id order by position
                        """)
                .param("id", scheduleId)
                .query(Row.class)
                .list()
                .stream()
                .map(row -> new Rotation(row.id(), row.name(), row.startsAt(), row.shiftLength(),
                        ShiftUnit.valueOf(row.shiftUnit()), jdbc.sql(
                                "select user_id from rotation_participant where rotation_id = :id order by position")
                                .param("id", row.id())
                                .query(UUID.class)
                                .list(), row.layer(), restrictions(row.id())))
                .toList();
    }

    private List<Restriction> restrictions(UUID rotationId) {
        return jdbc.sql("select days, starts_at, ends_at from rotation_restriction where rotation_id = :id order by position")
                .param("id", rotationId)
                .query((rs, n) -> new Restriction(days(rs.getInt("days")), rs.getObject("starts_at", LocalTime.class),
                        rs.getObject("ends_at", LocalTime.class)))
                .list();
    }

    /** Days as bits, bit 0 Monday to bit 6 Sunday. */
    private static int bits(Set<DayOfWeek> days) {
        return days.stream().mapToInt(day -> 1 << (day.getValue() - 1)).reduce(0, (a, b) -> a | b);
    }

    private static Set<DayOfWeek> days(int bits) {
        return Arrays.stream(DayOfWeek.values()).filter(day -> (bits & 1 << (day.getValue() - 1)) != 0)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class)));
    }

    /** The schedule's overrides that have not ended by {@code from}, soonest first. */
    List<ScheduleOverride> overrides(UUID scheduleId, Instant from) {
        return jdbc.sql("""
                        select id, user_id, replaces_user_id, starts_at, ends_at from schedule_override
                        where schedule_id = :id and ends_at > :from order by starts_at, id
                        """)
                .param("id", scheduleId)
                .param("from", SqlTime.of(from))
                .query(Schedules::override)
                .list();
    }

    /** The schedule's override, ended or not. */
    public Optional<ScheduleOverride> findOverride(UUID scheduleId, UUID overrideId) {
        return jdbc.sql("""
                        select id, user_id, replaces_user_id, starts_at, ends_at from schedule_override
                        where id = :id and schedule_id = :schedule
                        """)
                .param("id", overrideId)
                .param("schedule", scheduleId)
                .query(Schedules::override)
                .optional();
    }

    private static ScheduleOverride override(ResultSet rs, int row) throws SQLException {
        return new ScheduleOverride(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getObject("replaces_user_id", UUID.class), SqlTime.instant(rs, "starts_at"),
                SqlTime.instant(rs, "ends_at"));
    }

    @Transactional
    public UUID create(String name, ZoneId zone, List<Rotation> rotations, UUID teamId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into schedule (id, name, time_zone, team_id, created_at)
                        values (:id, :name, :zone, :team, :now)
                        """)
                .param("id", id)
                .param("name", name)
                .param("zone", zone.getId())
                .param("team", teamId)
                .param("now", SqlTime.of(clock.instant()))
                .update();
        insertRotations(id, rotations);
        return id;
    }

    /** Replaces name, zone, rotations and team, keeping the overrides; false if there is no such schedule. */
    @Transactional
    public boolean replace(UUID id, String name, ZoneId zone, List<Rotation> rotations, UUID teamId) {
        int updated = jdbc.sql("update schedule set name = :name, time_zone = :zone, team_id = :team where id = :id")
                .param("id", id)
                .param("name", name)
                .param("zone", zone.getId())
                .param("team", teamId)
                .update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("delete from rotation where schedule_id = :id").param("id", id).update();
        insertRotations(id, rotations);
        return true;
    }

    public boolean delete(UUID id) {
        return jdbc.sql("delete from schedule where id = :id").param("id", id).update() == 1;
    }

    private void insertRotations(UUID scheduleId, List<Rotation> rotations) {
        for (int position = 0; position < rotations.size(); position++) {
            Rotation rotation = rotations.get(position);
            jdbc.sql("""
                            insert into rotation (id, schedule_id, position, name, starts_at, shift_length, shift_unit,
                                                  layer)
                            values (:id, :schedule, :position, :name, :start, :length, :unit, :layer)
                            """)
                    .param("id", rotation.id())
                    .param("schedule", scheduleId)
                    .param("position", position)
                    .param("name", rotation.name())
                    .param("start", rotation.start())
                    .param("length", rotation.shiftLength())
                    .param("unit", rotation.shiftUnit().name())
                    .param("layer", rotation.layer())
                    .update();
            for (int turn = 0; turn < rotation.participants().size(); turn++) {
                jdbc.sql("insert into rotation_participant (rotation_id, position, user_id) values (:id, :turn, :user)")
                        .param("id", rotation.id())
                        .param("turn", turn)
                        .param("user", rotation.participants().get(turn))
                        .update();
            }
            for (int window = 0; window < rotation.restrictions().size(); window++) {
                Restriction restriction = rotation.restrictions().get(window);
                jdbc.sql("""
                                insert into rotation_restriction (rotation_id, position, days, starts_at, ends_at)
                                values (:id, :position, :days, :start, :end)
                                """)
                        .param("id", rotation.id())
                        .param("position", window)
                        .param("days", bits(restriction.days()))
                        .param("start", restriction.start())
                        .param("end", restriction.end())
                        .update();
            }
        }
    }

    public ScheduleOverride addOverride(UUID scheduleId, UUID userId, UUID replacesUserId, Instant startsAt,
            Instant endsAt) {
        ScheduleOverride override = new ScheduleOverride(UUID.randomUUID(), userId, replacesUserId, startsAt, endsAt);
        jdbc.sql("""
                        insert into schedule_override (id, schedule_id, user_id, replaces_user_id, starts_at, ends_at,
                                                       created_at)
                        values (:id, :schedule, :user, :replaces, :starts, :ends, :now)
                        """)
                .param("id", override.id())
                .param("schedule", scheduleId)
                .param("user", userId)
                .param("replaces", replacesUserId)
                .param("starts", SqlTime.of(startsAt))
                .param("ends", SqlTime.of(endsAt))
                .param("now", SqlTime.of(clock.instant()))
                .update();
        return override;
    }

    public boolean deleteOverride(UUID scheduleId, UUID overrideId) {
        return jdbc.sql("delete from schedule_override where id = :id and schedule_id = :schedule")
                .param("id", overrideId)
                .param("schedule", scheduleId)
                .update() == 1;
    }

    /** The escalation policies a level of which pages this schedule, as "name (id)", by name. */
    public List<String> policiesPaging(UUID id) {
        return jdbc.sql("""
                        select p.name || ' (' || p.id || ')' from escalation_policy p
                        where exists (select 1 from escalation_target t where t.policy_id = p.id and t.schedule_id = :id)
                        order by 1
                        """)
                .param("id", id)
                .query(String.class)
                .list();
    }
}
