-- Supervision (module caseload): each case manager's capacity target in acuity weight points, set by a supervisor
-- with a note; one current row per person (those without one have the configured default) and every change kept.

create table caseload_capacity (
    user_id     uuid primary key,
    target      int not null check (target between 1 and 1000),
    note        text not null check (length(note) between 1 and 500),
    version     int not null default 0,
    set_at      timestamptz not null default now(),
    set_by      text not null
);

create table caseload_capacity_change (
    id          bigserial primary key,
    user_id     uuid not null,
    previous    int,
    target      int not null check (target between 1 and 1000),
    note        text not null check (length(note) between 1 and 500),
    set_at      timestamptz not null default now(),
    set_by      text not null
);
create index caseload_capacity_change_user on caseload_capacity_change (user_id, set_at desc);
