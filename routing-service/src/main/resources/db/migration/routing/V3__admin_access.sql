-- API tokens with roles: ADMIN may do everything, RESPONDER reads and acts on incidents and on their own user's
-- contact methods, rules and overrides, READ_ONLY only reads. Tokens issued before are admin tokens.
alter table api_token
    add column role         text not null default 'ADMIN' check (role in ('ADMIN', 'RESPONDER', 'READ_ONLY')),
    add column user_id      uuid references app_user on delete cascade,
    add column last_used_at timestamptz,
    add constraint api_token_responder_user check (role <> 'RESPONDER' or user_id is not null);

-- Every configuration change made through the admin API: who (the token), what (resource and action), the
-- resource before and after as the API shows it. Written in the transaction of the change.
create table audit_log (
    id            bigserial primary key,
    at            timestamptz not null,
    token_id      uuid,
    actor         text        not null,
    resource_type text        not null,
    resource_id   text        not null,
    action        text        not null check (action in ('CREATE', 'UPDATE', 'DELETE')),
    before        jsonb,
    after         jsonb
);
create index audit_log_resource on audit_log (resource_type, resource_id, id);
create index audit_log_at on audit_log (at);

-- Key rotation with overlap: a replaced integration key keeps working until valid_until, when a KEY_EXPIRY timer
-- tells ingest it is no longer accepted and the row goes.
create table retired_integration_key (
    key_hash       text primary key,
    integration_id uuid        not null references integration on delete cascade,
    valid_until    timestamptz not null
);
create index retired_integration_key_integration on retired_integration_key (integration_id);
alter table timer drop constraint timer_action_check,
    add constraint timer_action_check check (action in
        ('ESCALATE', 'NOTIFY', 'ACK_TIMEOUT', 'AUTO_RESOLVE', 'HEARTBEAT_DEADLINE', 'KEY_EXPIRY'));
