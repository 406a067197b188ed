-- Incident numbers: the short "#12" people say and type (SMS reply codes like "12a"); existing incidents are
-- numbered in the order they were opened, new ones continue from there.
create sequence incident_number_seq;
alter table incident add column number bigint;
update incident i set number = numbered.number
from (select id, row_number() over (order by created_at, id) as number from incident) numbered
where i.id = numbered.id;
select setval('incident_number_seq', coalesce((select max(number) from incident), 0) + 1, false);
alter table incident alter column number set default nextval('incident_number_seq'),
                     alter column number set not null;
alter sequence incident_number_seq owned by incident.number;
create unique index incident_by_number on incident (number);

-- Announce the contact methods that exist, as routing announces every change from now on, so that an upgraded
-- notifier learns who answers from which address.
insert into outbox (binding, message_key, payload, created_at)
select 'contact-methods-out', c.id::text,
       json_build_object('id', gen_random_uuid(), 'schemaVersion', 1, 'contactMethodId', c.id, 'userId', u.id,
                         'userName', u.name, 'channel', c.channel, 'address', c.address, 'removed', false,
                         'at', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text,
       now()
from contact_method c join app_user u on u.id = c.user_id
order by c.created_at, c.id;

-- An address's owner opted out of a channel (an SMS "STOP"), as the notifier reports it; shown on every contact
-- method with that channel and address. Null: not opted out.
alter table contact_method add column opted_out_at timestamptz;
create index contact_method_address on contact_method (channel, address);

-- Webhooks: a contact method or an escalation level can post the incident to a URL.
alter table contact_method drop constraint contact_method_channel_check,
    add constraint contact_method_channel_check check (channel in ('CONSOLE', 'SMS', 'VOICE', 'EMAIL', 'SLACK', 'WEBHOOK'));
alter table escalation_target drop constraint escalation_target_target_type_check,
    add constraint escalation_target_target_type_check check (target_type in ('USER', 'SCHEDULE', 'SLACK_CHANNEL', 'WEBHOOK'));

-- Every page routing asked for, with the escalation step it belongs to (the incident's generation, level and
-- round) and the latest the notifier reported of it: the timeline names who a report is about, and a level whose
-- pages all failed escalates at once instead of waiting out its delay.
create table notification (
    id             uuid primary key,
    incident_id    uuid        not null references incident on delete cascade,
    generation     int         not null,
    level_position int         not null,
    round          int         not null,
    user_id        uuid,
    channel        text        not null,
    -- who the timeline names: the user, or the Slack channel or webhook host a level targets
    recipient      text        not null,
    status         text        not null,
    attempt        int         not null default 0,
    requested_at   timestamptz not null,
    updated_at     timestamptz not null
);
create index notification_step on notification (incident_id, generation, level_position, round);

-- the repeat of the policy the incident's current level belongs to (escalation_level is the level)
alter table incident add column escalation_round int not null default 0;
