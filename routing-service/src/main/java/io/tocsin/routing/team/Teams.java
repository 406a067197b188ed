package io.tocsin.routing.team;

import io.tocsin.routing.SqlTime;
import io.tocsin.routing.api.InvalidRequest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The teams, and what each owns. */
@Repository
public class Teams {

    private final JdbcClient jdbc;
    private final Clock clock;

    Teams(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Something a team owns, as a person would name it: "service 'Billing'". */
    record Owned(String kind, String name) {

        @Override
        public String toString() {
            return kind + " '" + name + "'";
        }
    }

    Optional<Team> find(UUID id) {
        return jdbc.sql("select id, name from team where id = :id").param("id", id).query(Team.class).optional();
    }

    List<Team> list() {
        return jdbc.sql("select id, name from team order by name, id").query(Team.class).list();
    }

    /** The id of the team with this name, compared as the unique index does (ignoring case). */
    Optional<UUID> named(String name) {
        return jdbc.sql("select id from team where lower(name) = lower(:name)").param("name", name).query(UUID.class)
                .optional();
    }

    Team create(String name) {
        Team team = new Team(UUID.randomUUID(), name);
        jdbc.sql("insert into team (id, name, created_at) values (:id, :name, :now)")
                .param("id", team.id())
                .param("name", name)
                .param("now", SqlTime.of(clock.instant()))
                .update();
        return team;
    }

    Team rename(UUID id, String name) {
        jdbc.sql("update team set name = :name where id = :id").param("id", id).param("name", name).update();
        return new Team(id, name);
    }

    void delete(UUID id) {
        jdbc.sql("delete from team where id = :id").param("id", id).update();
    }

    /** Everything the team owns. */
    List<Owned> owned(UUID id) {
        return jdbc.sql("""
                        select 'service' as kind, name from service where team_id = :id
                        union all select 'schedule', name from schedule where team_id = :id
                        union all select 'escalation policy', name from escalation_policy where team_id = :id
                        """)
                .param("id", id)
                .query(Owned.class)
                .list();
    }

    /**
     * The team id a service, schedule or policy is given, if it names a team (null: no team); else the 400 every
     * resource with a {@code teamId} answers.
     */
    public UUID checked(UUID teamId) {
        if (teamId != null && find(teamId).isEmpty()) {
            throw new InvalidRequest("'teamId': no team has id " + teamId + "; GET /api/v1/teams lists the teams");
        }
        return teamId;
    }
}
