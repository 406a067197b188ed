-- Notifier's schema: every page, persisted with its state before the provider is called.

create table notification (
    id                uuid primary key,
    incident_id       uuid        not null,
    user_id           uuid,
    contact_method_id uuid,
    channel           text        not null,
    address           text        not null,
    status            text        not null check (status in ('SENDING', 'SENT', 'FAILED')),
    provider_id       text,
    detail            text,
    attempts          int         not null default 0,
    requested_at      timestamptz not null,
    updated_at        timestamptz not null
);
create index notification_incident on notification (incident_id);
