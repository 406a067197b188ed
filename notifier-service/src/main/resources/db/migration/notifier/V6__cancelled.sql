-- A held or retried page whose incident was acknowledged or resolved before it went out is not sent: CANCELLED.
alter table notification drop constraint notification_status_check;
alter table notification add constraint notification_status_check
    check (status in ('SENDING', 'RETRYING', 'HELD', 'SENT', 'DELIVERED', 'FAILED', 'CANCELLED'));

-- the pages that may still go out, looked at every poll for whether their incident still needs them
create index notification_waiting on notification (incident_id) where status in ('SENDING', 'RETRYING', 'HELD');
