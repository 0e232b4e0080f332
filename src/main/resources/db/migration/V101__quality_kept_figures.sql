-- Figures kept ready (quality module). Computing every measure for the whole organisation or a large program takes
-- the database many seconds at a million patients; such a filter keeps its last computation here, which the
-- dashboard shows with its time while it is fresh. A job computes again, every half hour, the filters read in the
-- last week and the dashboard's opening views (last month beside the month before, for the organisation and each
-- program); a supervisor may also ask for the figures of now. Counts only: no patient is named here.
create table quality_kept (
    filter_key  text primary key,
    program_id  uuid,
    team_id     uuid,
    manager_id  uuid,
    from_day    date        not null,
    to_day      date        not null,
    computed_at timestamptz not null,
    compute_ms  integer     not null,
    read_at     timestamptz not null default now(),
    constraint quality_kept_period check (to_day >= from_day)
);
create index quality_kept_computed_idx on quality_kept (computed_at);

create table quality_kept_figure (
    filter_key  text   not null references quality_kept (filter_key) on delete cascade,
    measure     text   not null,
    numerator   bigint not null,
    denominator bigint,
    value       numeric,
    primary key (filter_key, measure)
);

-- Closed cases by the reason given, for the same filters.
create table quality_kept_reason (
    filter_key text   not null references quality_kept (filter_key) on delete cascade,
    reason     text   not null,
    cases      bigint not null,
    primary key (filter_key, reason)
);
