-- layers: at any instant the highest layer with someone on call wins; the rotations of one layer add up,
-- so schedules made before layers existed (all in layer 1) page as they did
alter table rotation add column layer int not null default 1 check (layer between 1 and 100);

-- restrictions: a rotation with any is on call only inside them, lower layers showing through elsewhere
create table rotation_restriction (
    rotation_id uuid not null references rotation on delete cascade,
    position    int  not null,
    days        int  not null check (days between 1 and 127), -- bit 0 Monday ... bit 6 Sunday
    starts_at   time not null,                                 -- local time in the schedule's time zone
    ends_at     time not null,                                 -- at or before starts_at: the next day
    primary key (rotation_id, position)
);

-- calendar feeds: a secret URL per schedule or per user, kept only as its SHA-256; a new one replaces the old
create table calendar_feed (
    token_hash  text primary key,
    schedule_id uuid unique references schedule on delete cascade,
    user_id     uuid unique references app_user on delete cascade,
    created_at  timestamptz not null,
    check ((schedule_id is null) <> (user_id is null))
);
