-- An escalation target names what it pages in a column of its own type: a user or a schedule by a foreign key, so
-- that PostgreSQL refuses to delete one a policy still pages (the API answers 409 naming why); a Slack channel or a
-- webhook by its address. Before, every target was one text id that nothing checked.

alter table escalation_target
    add column user_id     uuid,
    add column schedule_id uuid,
    add column address     text;

-- a target whose user or schedule was already gone paged nobody; it cannot be kept under a foreign key
delete from escalation_target t
where (t.target_type = 'USER' and not exists (select 1 from app_user u where u.id::text = lower(t.target_id)))
   or (t.target_type = 'SCHEDULE' and not exists (select 1 from schedule s where s.id::text = lower(t.target_id)));

update escalation_target set user_id = target_id::uuid where target_type = 'USER';
update escalation_target set schedule_id = target_id::uuid where target_type = 'SCHEDULE';
update escalation_target set address = target_id where target_type in ('SLACK_CHANNEL', 'WEBHOOK');

-- During a rolling upgrade the previous release still writes target_id alone: its rows get their typed column here.
-- This release writes both; the release after it drops target_id and this trigger.
create function escalation_target_typed_from_text() returns trigger language plpgsql as $$
begin
    if new.user_id is null and new.schedule_id is null and new.address is null then
        if new.target_type = 'USER' then
            new.user_id := new.target_id::uuid;
        elsif new.target_type = 'SCHEDULE' then
            new.schedule_id := new.target_id::uuid;
        else
            new.address := new.target_id;
        end if;
    end if;
    return new;
end
$$;

create trigger escalation_target_typed_from_text before insert on escalation_target
    for each row execute function escalation_target_typed_from_text();

alter table escalation_target
    add constraint escalation_target_user_fk foreign key (user_id) references app_user,
    add constraint escalation_target_schedule_fk foreign key (schedule_id) references schedule,
    add constraint escalation_target_typed check (
        (target_type = 'USER') = (user_id is not null)
        and (target_type = 'SCHEDULE') = (schedule_id is not null)
        and (target_type in ('SLACK_CHANNEL', 'WEBHOOK')) = (address is not null));

create index escalation_target_user on escalation_target (user_id) where user_id is not null;
create index escalation_target_schedule on escalation_target (schedule_id) where schedule_id is not null;
