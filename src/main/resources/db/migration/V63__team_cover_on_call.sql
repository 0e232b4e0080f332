-- Cover and on-call (team module): who acts for an absent case manager, who is on call for a program after hours,
-- and the records a person acting for someone was let into (closed with the arrangement).

create table cover_period (
    id         uuid primary key,
    owner_id   uuid        not null,
    cover_id   uuid        not null,
    starts_at  timestamptz not null,
    ends_at    timestamptz not null,
    reason     text        not null check (char_length(reason) between 1 and 500),
    status     text        not null default 'SCHEDULED' check (status in ('SCHEDULED', 'ENDED', 'CANCELLED')),
    closed_at  timestamptz,
    created_at timestamptz not null default now(),
    created_by text        not null,
    updated_at timestamptz,
    updated_by text,
    check (owner_id <> cover_id),
    check (ends_at > starts_at)
);
-- who acts for an owner now (the routing asks on every new task and alert), and what to close when it ends
create index cover_period_owner_idx on cover_period (owner_id, starts_at) where status = 'SCHEDULED';
create index cover_period_due_idx on cover_period (ends_at) where status = 'SCHEDULED';
create index cover_period_cover_idx on cover_period (cover_id, starts_at desc);

create table on_call_shift (
    id         uuid primary key,
    program_id uuid        not null,
    user_id    uuid        not null,
    starts_at  timestamptz not null,
    ends_at    timestamptz not null,
    phone      text check (phone is null or char_length(phone) <= 50),
    status     text        not null default 'SCHEDULED' check (status in ('SCHEDULED', 'ENDED', 'CANCELLED')),
    closed_at  timestamptz,
    created_at timestamptz not null default now(),
    created_by text        not null,
    updated_at timestamptz,
    updated_by text,
    check (ends_at > starts_at)
);
create index on_call_shift_program_idx on on_call_shift (program_id, starts_at) where status = 'SCHEDULED';
create index on_call_shift_due_idx on on_call_shift (ends_at) where status = 'SCHEDULED';

-- a record opened to the person acting (source 'cover:<arrangement>' on the care relationship), ended with it
create table cover_grant (
    id             uuid primary key,
    arrangement_id uuid        not null,
    user_id        uuid        not null,
    patient_id     uuid        not null,
    opened_at      timestamptz not null default now(),
    ended_at       timestamptz
);
create unique index cover_grant_open_idx on cover_grant (arrangement_id, patient_id) where ended_at is null;
