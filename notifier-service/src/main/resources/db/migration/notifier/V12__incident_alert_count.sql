-- how many alerts the incident holds, as routing last announced it (null: one, or not told yet); Slack messages show it
alter table incident add column alert_count integer;
