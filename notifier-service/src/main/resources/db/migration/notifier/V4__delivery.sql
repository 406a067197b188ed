-- Retries, throttling and bundles: each page keeps what is needed to send it again, when, and until when.

alter table notification
    -- the NotificationRequested as received: a retry, a lost send or a released bundle is sent from it
    add column request         jsonb,
    -- RETRYING: when to try again; SENDING: the lease, after which the send counts as lost with its instance
    add column next_attempt_at timestamptz,
    -- no retry later than this (set at the first attempt)
    add column deadline        timestamptz,
    -- when the message took its place in the contact method's throttle window (its first attempt)
    add column sent_at         timestamptz,
    -- the count it falls under: its contact method, or channel:address; null when its channel is not throttled
    add column throttle_key    text,
    -- a held page sent as part of another's message (the carrier's id): acting on the carrier acts on it too
    add column bundled_into    uuid references notification (id);

alter table notification drop constraint notification_status_check;
alter table notification add constraint notification_status_check
    check (status in ('SENDING', 'RETRYING', 'HELD', 'SENT', 'DELIVERED', 'FAILED'));

create index notification_due on notification (next_attempt_at) where status in ('SENDING', 'RETRYING');
create index notification_window on notification (throttle_key, sent_at) where throttle_key is not null;
create index notification_held on notification (throttle_key) where status = 'HELD' and bundled_into is null;
create index notification_bundle on notification (bundled_into) where bundled_into is not null;
