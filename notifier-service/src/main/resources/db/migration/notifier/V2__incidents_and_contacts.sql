-- What the notifier knows of the incidents it paged about (from its pages and tocsin.incidents.v1), and of the
-- contact methods routing announces (tocsin.contact-methods.v1): enough to tell who answered, and about what.

create table incident (
    id           uuid primary key,
    number       bigint,
    service_name text,
    summary      text,
    severity     text,
    status       text        not null default 'TRIGGERED' check (status in ('TRIGGERED', 'ACKNOWLEDGED', 'RESOLVED')),
    changed_by   text,
    changed_via  text,
    updated_at   timestamptz not null
);
create index incident_number on incident (number);

create table contact_method (
    id        uuid primary key,
    user_id   uuid        not null,
    user_name text        not null,
    channel   text        not null,
    address   text        not null,
    removed   boolean     not null default false,
    updated_at timestamptz not null
);
create index contact_method_address on contact_method (channel, address) where not removed;

create index notification_address on notification (channel, address);

-- a provider's later word on a sent page (Twilio's status callbacks): delivered, or not after all
alter table notification drop constraint notification_status_check;
alter table notification add constraint notification_status_check
    check (status in ('SENDING', 'SENT', 'DELIVERED', 'FAILED'));
create index notification_provider on notification (provider_id);
