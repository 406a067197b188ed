-- People sign in as themselves: the role a person has in the console and the API, their password (hashed by Spring
-- Security's PasswordEncoder) and the subject their identity provider knows them by (OIDC), linked at first sign-in.
create table account (
    user_id       uuid primary key references app_user on delete cascade,
    role          text        not null check (role in ('ADMIN', 'RESPONDER', 'READ_ONLY')),
    password_hash text,
    oidc_subject  text unique,
    updated_at    timestamptz not null
);

-- One-time sign-in links (invitations, the demo admin's first sign-in): only a hash of the secret is kept.
create table sign_in_link (
    token_hash text primary key,
    user_id    uuid        not null references app_user on delete cascade,
    expires_at timestamptz not null
);

-- Failed password sign-ins, counted over a window per account ('account:<email>') and per address ('address:<ip>').
create table sign_in_failure (
    key text        not null,
    at  timestamptz not null
);
create index sign_in_failure_key on sign_in_failure (key, at);

-- OIDC sign-ins under way: the authorization request (state, nonce, PKCE verifier) until the identity provider sends
-- the browser back. Kept here rather than in the session, whose SameSite=Strict cookie the browser withholds on that
-- return from another site; a SameSite=Lax cookie of its own names it, so only the browser that started may finish.
create table oidc_sign_in (
    browser_hash text primary key,
    request      bytea       not null,
    expires_at   timestamptz not null
);
