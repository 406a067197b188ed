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
