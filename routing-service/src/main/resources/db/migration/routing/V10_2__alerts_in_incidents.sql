-- An incident holds one or more alerts: each a dedup key of its service with its own trigger and resolve history.
-- One open alert per (service, dedup key) now, instead of one open incident: an incident whose alert resolved
-- may stay open for its other alerts while the same key opens a new alert (and, ungrouped, a new incident).
create table alert (
    id                uuid primary key,
    incident_id       uuid        not null references incident on delete cascade,
    service_id        uuid        not null,
    dedup_key         text        not null,
    status            text        not null check (status in ('TRIGGERED', 'RESOLVED')),
    summary           text        not null,
    severity          text,
    source            text,
    details           jsonb,
    raw_payload       text,
    -- triggers of the same key while the alert is open are repeats of it, counted here
    trigger_count     int         not null default 1,
    created_at        timestamptz not null,
    last_triggered_at timestamptz not null,
    resolved_at       timestamptz,
    resolved_by       text,
    -- the order alerts arrived in, also those of one poll (which share their created_at)
    arrival           bigint generated always as identity
);
create unique index alert_open_per_dedup_key on alert (service_id, dedup_key) where status = 'TRIGGERED';
create index alert_of_incident on alert (incident_id, arrival);

-- each existing incident becomes an incident with one alert: its repeats are the alert's triggers
insert into alert (id, incident_id, service_id, dedup_key, status, summary, severity, source, details, raw_payload,
                   trigger_count, created_at, last_triggered_at, resolved_at, resolved_by)
select gen_random_uuid(), id, service_id, dedup_key, case when status = 'RESOLVED' then 'RESOLVED' else 'TRIGGERED' end,
       summary, severity, source, details, raw_payload, alert_count, created_at, last_alert_at, resolved_at, resolved_by
from incident order by created_at, id;
-- from now on the incident's alert_count counts its alerts, not the triggers
update incident set alert_count = 1;

drop index incident_open_per_dedup_key;
-- the group an incident collects alerts for ('' for a service grouped by time), null when it collects none;
-- storm_state: RAGING while further alerts of the service join this storm incident, CALMED once they stopped
alter table incident
    add column group_key   text,
    add column storm_state text check (storm_state in ('RAGING', 'CALMED'));
create index incident_open_group on incident (service_id, group_key, created_at desc)
    where status <> 'RESOLVED' and group_key is not null;
create index incident_raging_storm on incident (service_id) where storm_state = 'RAGING';

-- per service: how its alerts group into incidents, when an incident of several alerts resolves, the storm guard
alter table service
    add column alert_grouping jsonb,
    add column resolve_when   text not null default 'ALL_ALERTS' check (resolve_when in ('ALL_ALERTS', 'FIRST_RESOLVE')),
    add column storm_guard    jsonb;

-- the timeline says when a storm calms: a timer after the storm's window without a new alert
alter table timer drop constraint timer_action_check,
    add constraint timer_action_check check (action in
        ('ESCALATE', 'NOTIFY', 'ACK_TIMEOUT', 'AUTO_RESOLVE', 'HEARTBEAT_DEADLINE', 'KEY_EXPIRY', 'MAINTENANCE_END',
         'STORM_CALM'));
