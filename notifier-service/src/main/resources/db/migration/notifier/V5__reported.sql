-- What routing was last told of each page ('SENT/2': status and attempt). A report that did not reach Kafka (it was
-- away when a retry or a bundle was decided) leaves this behind the row, and is sent again until it gets through.
alter table notification add column reported text;
update notification set reported = status || '/' || greatest(attempts, 1) where status <> 'SENDING';
create index notification_unreported on notification (updated_at)
    where status <> 'SENDING' and reported is distinct from status || '/' || greatest(attempts, 1);
