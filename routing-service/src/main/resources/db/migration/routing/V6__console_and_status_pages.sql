-- Web console sign-ins: a session stands for the API token that signed in, so revoking the token ends it and the
-- token's role decides what the session may do. Only the session id's hash is stored, as for tokens.
create table console_session (
    id_hash    text primary key,
    token_id   uuid        not null references api_token on delete cascade,
    csrf_token text        not null,
    created_at timestamptz not null,
    expires_at timestamptz not null
);
create index console_session_expires on console_session (expires_at);

-- Public status pages: the state of chosen services, derived from their open incidents, and what responders posted.
create table status_page (
    id         uuid primary key,
    slug       text        not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    title      text        not null,
    created_at timestamptz not null
);

create table status_page_service (
    status_page_id uuid not null references status_page on delete cascade,
    service_id     uuid not null references service on delete cascade,
    position       int  not null,
    primary key (status_page_id, service_id)
);
create index status_page_service_service on status_page_service (service_id);

create table status_update (
    id             uuid primary key,
    status_page_id uuid        not null references status_page on delete cascade,
    posted_at      timestamptz not null,
    posted_by      text        not null,
    message        text        not null
);
create index status_update_page on status_update (status_page_id, posted_at desc);
