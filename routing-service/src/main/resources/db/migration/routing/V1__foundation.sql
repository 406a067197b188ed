-- Routing's schema: who gets paged, for what, and everything that is still to happen.

create table api_token (
    id         uuid primary key,
    name       text        not null,
    token_hash text        not null unique,
    created_at timestamptz not null
);

create table app_user (
    id         uuid primary key,
    name       text        not null,
    email      text,
    created_at timestamptz not null
);

create table contact_method (
    id         uuid primary key,
    user_id    uuid        not null references app_user on delete cascade,
    channel    text        not null check (channel in ('CONSOLE', 'SMS', 'VOICE', 'EMAIL', 'SLACK')),
    address    text        not null,
    created_at timestamptz not null
);

-- "SMS now, call after 2 minutes": one row per contact method and delay, per urgency
create table notification_rule (
    id                uuid primary key,
    user_id           uuid   not null references app_user on delete cascade,
    contact_method_id uuid   not null references contact_method on delete cascade,
    urgency           text   not null check (urgency in ('HIGH', 'LOW')),
    delay_seconds     bigint not null check (delay_seconds >= 0)
);
create index notification_rule_user on notification_rule (user_id);

create table escalation_policy (
    id           uuid primary key,
    name         text        not null,
    repeat_count int         not null default 0 check (repeat_count >= 0),
    created_at   timestamptz not null
);

create table escalation_level (
    policy_id     uuid   not null references escalation_policy on delete cascade,
    position      int    not null check (position >= 0),
    delay_seconds bigint not null check (delay_seconds > 0),
    primary key (policy_id, position)
);

create table escalation_target (
    policy_id   uuid not null,
    position    int  not null,
    target_type text not null check (target_type in ('USER', 'SCHEDULE', 'SLACK_CHANNEL')),
    target_id   text not null,
    foreign key (policy_id, position) references escalation_level on delete cascade
);

-- who is on call: rotations hand over in the schedule's time zone (a daily 09:00 hand-over stays at 09:00
-- across daylight-saving changes); overrides put someone on call for a while, instead of someone or besides
create table schedule (
    id         uuid primary key,
    name       text        not null,
    time_zone  text        not null,
    created_at timestamptz not null
);

create table rotation (
    id           uuid primary key,
    schedule_id  uuid      not null references schedule on delete cascade,
    position     int       not null,
    name         text      not null,
    starts_at    timestamp not null, -- local date-time of the first hand-over, in the schedule's time zone
    shift_length int       not null check (shift_length > 0),
    shift_unit   text      not null check (shift_unit in ('HOURS', 'DAYS', 'WEEKS'))
);
create index rotation_schedule on rotation (schedule_id, position);

create table rotation_participant (
    rotation_id uuid not null references rotation on delete cascade,
    position    int  not null,
    user_id     uuid not null references app_user,
    primary key (rotation_id, position)
);

create table schedule_override (
    id               uuid primary key,
    schedule_id      uuid        not null references schedule on delete cascade,
    user_id          uuid        not null references app_user,
    replaces_user_id uuid references app_user,
    starts_at        timestamptz not null,
    ends_at          timestamptz not null,
    created_at       timestamptz not null,
    check (ends_at > starts_at)
);
create index schedule_override_schedule on schedule_override (schedule_id, ends_at);

create table service (
    id                   uuid primary key,
    name                 text        not null,
    escalation_policy_id uuid references escalation_policy,
    urgency              text        not null default 'HIGH' check (urgency in ('HIGH', 'LOW')),
    -- an acknowledged incident not resolved within this time is triggered again
    ack_timeout_seconds  bigint check (ack_timeout_seconds > 0),
    -- an incident still open after this time is resolved by Tocsin
    auto_resolve_seconds bigint check (auto_resolve_seconds > 0),
    created_at           timestamptz not null
);

-- while one is active, new incidents of the service are recorded as suppressed and page nobody
create table maintenance_window (
    id         uuid primary key,
    service_id uuid        not null references service on delete cascade,
    starts_at  timestamptz not null,
    ends_at    timestamptz not null,
    reason     text,
    created_at timestamptz not null,
    check (ends_at > starts_at)
);
create index maintenance_window_service on maintenance_window (service_id, ends_at);

create table integration (
    id         uuid primary key,
    service_id uuid        not null references service on delete cascade,
    type       text        not null,
    name       text        not null,
    key_hash   text        not null unique,
    enabled    boolean     not null default true,
    -- the type's options by name, as ingest receives them (e.g. alertmanager.dedup, rate-limit.per-minute)
    settings      jsonb       not null default '{}',
    -- when routing last heard from it (for heartbeats: the last ping)
    last_event_at timestamptz,
    created_at timestamptz not null
);

create table incident (
    id                    uuid primary key,
    service_id            uuid        not null references service,
    dedup_key             text        not null,
    status                text        not null check (status in ('TRIGGERED', 'ACKNOWLEDGED', 'RESOLVED')),
    urgency               text        not null,
    summary               text        not null,
    severity              text,
    source                text,
    details               jsonb,
    raw_payload           text,
    alert_count           int         not null default 1,
    suppressed            boolean     not null default false,
    created_at            timestamptz not null,
    last_alert_at         timestamptz not null,
    acknowledged_at       timestamptz,
    acknowledged_by       text,
    resolved_at           timestamptz,
    resolved_by           text,
    escalation_level      int         not null default 0,
    -- bumped whenever escalation stops or restarts; timers of an older generation are void
    escalation_generation int         not null default 0
);
-- one open incident per (service, dedup key); after resolve the same key opens a new one
create unique index incident_open_per_dedup_key on incident (service_id, dedup_key) where status <> 'RESOLVED';
create index incident_recent on incident (created_at desc, id desc);
create index incident_service on incident (service_id, created_at desc);

create table incident_log (
    id          bigserial primary key,
    incident_id uuid        not null references incident on delete cascade,
    at          timestamptz not null,
    event       text        not null,
    actor       text,
    via         text,
    message     text        not null
);
create index incident_log_incident on incident_log (incident_id, id);

-- every future action is a row; workers claim due rows with FOR UPDATE SKIP LOCKED.
-- Most act on an incident; a heartbeat deadline acts on a heartbeat integration.
create table timer (
    id                bigserial primary key,
    incident_id       uuid references incident on delete cascade,
    integration_id    uuid references integration on delete cascade,
    generation        int         not null,
    action            text        not null check (action in
                          ('ESCALATE', 'NOTIFY', 'ACK_TIMEOUT', 'AUTO_RESOLVE', 'HEARTBEAT_DEADLINE')),
    level_position    int,
    round             int,
    user_id           uuid,
    contact_method_id uuid,
    due_at            timestamptz not null,
    check ((incident_id is null) <> (integration_id is null))
);
create index timer_due on timer (due_at);
create index timer_incident on timer (incident_id);
create index timer_integration on timer (integration_id);

-- messages written in the same transaction as the state change that causes them
create table outbox (
    id          bigserial primary key,
    binding     text        not null,
    message_key text        not null,
    payload     text        not null,
    created_at  timestamptz not null
);

-- ids of consumed messages: a redelivered message changes nothing the second time
create table inbox (
    message_id   uuid primary key,
    processed_at timestamptz not null
);
