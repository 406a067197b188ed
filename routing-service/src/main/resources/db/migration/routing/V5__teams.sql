-- Teams own services, schedules and escalation policies, so a large organisation can see and filter its own.
-- A team that still owns something cannot be deleted (the API says what it owns), hence no cascade.
create table team (
    id         uuid primary key,
    name       text        not null,
    created_at timestamptz not null
);
-- "Payments" and "payments" would be the same team to a person reading a list
create unique index team_name on team (lower(name));

alter table service add column team_id uuid references team;
alter table schedule add column team_id uuid references team;
alter table escalation_policy add column team_id uuid references team;
create index service_team on service (team_id);
create index schedule_team on schedule (team_id);
create index escalation_policy_team on escalation_policy (team_id);
