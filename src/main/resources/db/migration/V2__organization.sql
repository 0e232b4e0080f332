-- The organisation (tenant), its teams and its business calendar.
create table organization (
    id         uuid primary key,
    name       text        not null,
    time_zone  text        not null,
    created_at timestamptz not null default now()
);

create table team (
    id              uuid primary key,
    organization_id uuid        not null references organization (id),
    name            text        not null,
    supervisor_id   uuid,
    created_at      timestamptz not null default now(),
    unique (organization_id, name)
);

create table team_member (
    team_id   uuid        not null references team (id),
    user_id   uuid        not null,
    joined_at timestamptz not null default now(),
    primary key (team_id, user_id)
);
create index team_member_user_idx on team_member (user_id);

create table holiday (
    organization_id uuid not null references organization (id),
    day             date not null,
    name            text not null,
    primary key (organization_id, day)
);
