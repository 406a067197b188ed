-- A new phone number or email address pages nobody until its owner typed the code sent to it. The methods there were
-- before all page already: they count as verified since they were created.
alter table contact_method add column verified_at timestamptz;
update contact_method set verified_at = created_at;

-- The code sent to a contact method to verify it, hashed: one at a time, a few tries, a short life.
create table contact_verification (
    contact_method_id uuid primary key references contact_method on delete cascade,
    code_hash         text        not null,
    expires_at        timestamptz not null,
    tries             int         not null default 0
);

-- Messages to a person about their own setup (a code, a test page, an invitation), with what the notifier reported.
create table personal_message (
    id                uuid primary key,
    user_id           uuid        not null references app_user on delete cascade,
    contact_method_id uuid        references contact_method on delete set null,
    purpose           text        not null check (purpose in ('TEST', 'VERIFICATION', 'INVITATION')),
    channel           text        not null,
    recipient         text        not null,
    status            text        not null,
    detail            text,
    provider          text,
    attempt           int         not null default 0,
    requested_at      timestamptz not null,
    updated_at        timestamptz not null
);
create index personal_message_user on personal_message (user_id, requested_at);
create index personal_message_method on personal_message (contact_method_id, requested_at);
