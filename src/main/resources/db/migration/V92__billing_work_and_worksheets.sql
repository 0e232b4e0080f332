-- Care-management billing (capability 16): the work items recorded from the work log, who bills each program's
-- care management, the decision making a practitioner records for a patient's month, and the monthly worksheets.

-- One row per piece of timed work (a logged contact, a completed task with its time): the listeners insert with
-- on conflict do nothing on (source_kind, source_id), so a redelivered event records nothing twice.
create table billing_work_item (
    id           uuid        primary key,
    source_kind  text        not null check (source_kind in ('CONTACT', 'TASK')),
    source_id    uuid        not null,
    patient_id   uuid        not null,
    case_id      uuid,
    work_kind    text        not null check (length(work_kind) between 1 and 40),
    occurred_at  timestamptz not null,
    minutes      int         not null check (minutes between 0 and 1440),
    staff        text        not null check (staff in ('CLINICAL_STAFF', 'PHYSICIAN')),
    recorded_by  text        not null,
    created_at   timestamptz not null default now(),
    unique (source_kind, source_id)
);
create index billing_work_item_case_idx on billing_work_item (case_id, occurred_at);
create index billing_work_item_patient_idx on billing_work_item (patient_id, occurred_at);

-- Who bills a program's care management (a practitioner of the directory), and whether the program bills
-- behavioural health integration (99484). A case may name another billing practitioner.
create table billing_program (
    program_id      uuid        primary key,
    practitioner_id uuid        not null,
    bhi_enabled     boolean     not null default false,
    updated_by      text        not null,
    updated_at      timestamptz not null default now()
);
create table billing_case_practitioner (
    case_id         uuid        primary key,
    practitioner_id uuid        not null,
    updated_by      text        not null,
    updated_at      timestamptz not null default now()
);

-- The complexity of medical decision making the billing practitioner recorded for a case's month (complex CCM, TCM).
create table billing_decision_making (
    case_id      uuid        not null,
    month        date        not null check (extract(day from month) = 1),
    level        text        not null check (level in ('STRAIGHTFORWARD', 'LOW', 'MODERATE', 'HIGH')),
    recorded_by  text        not null,
    recorded_at  timestamptz not null default now(),
    primary key (case_id, month)
);

-- The monthly worksheet per program and billing practitioner. A draft is generated (and regenerated) from the work;
-- a supervisor signs it off; a correction supersedes the signed version with a new draft version.
create table billing_worksheet (
    id                 uuid        primary key,
    program_id         uuid        not null,
    practitioner_id    uuid        not null,
    month              date        not null check (extract(day from month) = 1),
    version            int         not null check (version >= 1),
    status             text        not null check (status in ('DRAFT', 'SIGNED', 'SUPERSEDED')),
    supersedes         uuid        references billing_worksheet (id),
    patients           int         not null default 0,
    billable_patients  int         not null default 0,
    clinical_minutes   int         not null default 0,
    physician_minutes  int         not null default 0,
    generated_at       timestamptz not null,
    generated_by       text        not null,
    signed_at          timestamptz,
    signed_by          text,
    correction_reason  text check (length(correction_reason) <= 1000),
    unique (program_id, practitioner_id, month, version),
    check ((status = 'DRAFT') = (signed_at is null)),
    check ((signed_at is null) = (signed_by is null))
);
-- at most one current (draft or signed) version per program, practitioner and month
create unique index billing_worksheet_current_idx on billing_worksheet (program_id, practitioner_id, month)
    where status <> 'SUPERSEDED';
create index billing_worksheet_list_idx on billing_worksheet (month desc, program_id);

-- The state machine: the only moves there are. Status updates are guarded by it in SQL (the trigger below).
create table billing_worksheet_transition (
    action      text not null,
    from_status text not null,
    to_status   text not null,
    primary key (action, from_status)
);
insert into billing_worksheet_transition (action, from_status, to_status) values
    ('sign', 'DRAFT', 'SIGNED'),
    ('supersede', 'SIGNED', 'SUPERSEDED');

create table billing_worksheet_line (
    id                 uuid primary key,
    worksheet_id       uuid not null references billing_worksheet (id),
    position           int  not null,
    patient_id         uuid not null,
    case_id            uuid not null,
    clinical_minutes   int  not null,
    physician_minutes  int  not null,
    counted_clinical   int  not null,
    counted_physician  int  not null,
    billable           boolean not null,
    reasons            jsonb not null default '[]',
    unique (worksheet_id, position)
);
create index billing_worksheet_line_patient_idx on billing_worksheet_line (patient_id);

create table billing_worksheet_code (
    line_id  uuid not null references billing_worksheet_line (id),
    position int  not null,
    service  text not null check (service in ('CCM', 'CCM_COMPLEX', 'PCM', 'TCM', 'BHI')),
    code     text not null check (code ~ '^[0-9A-Z]{5}$'),
    units    int  not null check (units between 1 and 20),
    primary key (line_id, position)
);

create table billing_worksheet_work (
    line_id      uuid not null references billing_worksheet_line (id),
    work_item_id uuid not null references billing_work_item (id),
    primary key (line_id, work_item_id)
);

-- A worksheet that is no longer a draft is final: the database refuses to change or delete it, except the one move
-- the transition table allows (signed to superseded, nothing else changed); its lines, codes and work are frozen.
create function billing_worksheet_final() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        if old.status = 'DRAFT' then return old; end if;
        raise exception 'a signed billing worksheet cannot be deleted' using errcode = 'check_violation';
    end if;
    if new.status is distinct from old.status
       and not exists (select 1 from billing_worksheet_transition t
                       where t.from_status = old.status and t.to_status = new.status) then
        raise exception 'a billing worksheet cannot move from % to %', old.status, new.status using errcode = 'check_violation';
    end if;
    if old.status <> 'DRAFT'
       and (to_jsonb(new) - 'status') is distinct from (to_jsonb(old) - 'status') then
        raise exception 'a signed billing worksheet cannot be changed' using errcode = 'check_violation';
    end if;
    return new;
end $$;
create trigger billing_worksheet_locked before update or delete on billing_worksheet
    for each row execute function billing_worksheet_final();

create function billing_worksheet_part_final() returns trigger language plpgsql as $$
declare
    sheet uuid;
begin
    if tg_table_name = 'billing_worksheet_line' then
        sheet := case when tg_op = 'DELETE' then old.worksheet_id else new.worksheet_id end;
        if tg_op = 'UPDATE' and old.worksheet_id <> new.worksheet_id then sheet := old.worksheet_id; end if;
    else
        sheet := (select l.worksheet_id from billing_worksheet_line l
                  where l.id = case when tg_op = 'DELETE' then old.line_id else new.line_id end);
    end if;
    if exists (select 1 from billing_worksheet w where w.id = sheet and w.status <> 'DRAFT') then
        raise exception 'the lines of a signed billing worksheet cannot be changed' using errcode = 'check_violation';
    end if;
    if tg_op = 'DELETE' then return old; end if;
    return new;
end $$;
create trigger billing_worksheet_line_locked before insert or update or delete on billing_worksheet_line
    for each row execute function billing_worksheet_part_final();
create trigger billing_worksheet_code_locked before insert or update or delete on billing_worksheet_code
    for each row execute function billing_worksheet_part_final();
create trigger billing_worksheet_work_locked before insert or update or delete on billing_worksheet_work
    for each row execute function billing_worksheet_part_final();

create function billing_worksheet_no_truncate() returns trigger language plpgsql as $$
begin
    raise exception 'billing worksheets are never truncated' using errcode = 'check_violation';
end $$;
create trigger billing_worksheet_no_truncate before truncate on billing_worksheet
    for each statement execute function billing_worksheet_no_truncate();
create trigger billing_worksheet_line_no_truncate before truncate on billing_worksheet_line
    for each statement execute function billing_worksheet_no_truncate();
