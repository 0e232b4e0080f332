-- The audit trail: who did what to which record, when, from where, with what outcome.
--
-- audit_event  rows are inserted freely by request threads (no lock, no ordering between nodes).
-- audit_chain  a single sealer (one at a time across nodes, under an advisory lock) gives each event a place
--              in the chain and a SHA-256 hash over the previous hash and the event's content.
-- audit_pending the events not yet sealed (filled by a trigger, emptied by the sealer).
--
-- The application role may insert and read events and chain links, and nothing else: no update, no delete,
-- no truncate, and it cannot disable the triggers below because it does not own the tables.

create table audit_event (
    id            bigint generated always as identity primary key,
    occurred_at   timestamptz not null,
    actor         text        not null,
    actor_roles   text,
    action        text        not null,
    resource_type text        not null,
    resource_id   text,
    patient_id    uuid,
    outcome       text        not null check (outcome in ('SUCCESS', 'DENIED', 'FAILED')),
    source_ip     text,
    node          text,
    detail        text
);
create index audit_event_patient_idx on audit_event (patient_id, occurred_at) where patient_id is not null;
create index audit_event_actor_idx on audit_event (actor, occurred_at);
create index audit_event_time_idx on audit_event (occurred_at);

create table audit_pending (
    event_id bigint primary key
);

create table audit_chain (
    seq       bigint primary key,
    event_id  bigint      not null unique,
    prev_hash char(64)    not null,
    hash      char(64)    not null,
    sealed_at timestamptz not null default now()
);

create function audit_enqueue() returns trigger language plpgsql as $$
begin
    insert into audit_pending (event_id) values (new.id);
    return new;
end $$;

create function audit_forbid_change() returns trigger language plpgsql as $$
begin
    raise exception 'the audit trail is append-only: % on % is not allowed', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end $$;

create trigger audit_event_enqueue after insert on audit_event
    for each row execute function audit_enqueue();
create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_forbid_change();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_forbid_change();
create trigger audit_chain_no_update before update or delete on audit_chain
    for each row execute function audit_forbid_change();
create trigger audit_chain_no_truncate before truncate on audit_chain
    for each statement execute function audit_forbid_change();

revoke all on audit_event, audit_chain from ${app_role};
grant select, insert on audit_event, audit_chain to ${app_role};
revoke all on audit_pending from ${app_role};
grant select, insert, delete on audit_pending to ${app_role};
