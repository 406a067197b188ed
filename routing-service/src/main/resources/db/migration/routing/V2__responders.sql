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
