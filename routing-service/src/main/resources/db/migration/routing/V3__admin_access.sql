-- API tokens with roles: ADMIN may do everything, RESPONDER reads and acts on incidents and on their own user's
-- contact methods, rules and overrides, READ_ONLY only reads. Tokens issued before are admin tokens.
alter table api_token
    add column role         text not null default 'ADMIN' check (role in ('ADMIN', 'RESPONDER', 'READ_ONLY')),
    add column user_id      uuid references app_user on delete cascade,
    add column last_used_at timestamptz,
    add constraint api_token_responder_user check (role <> 'RESPONDER' or user_id is not null);
