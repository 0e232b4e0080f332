-- Medications, second step: the list the case manager keeps (every change a history row), reconciliation at
-- transitions or on demand (signed ones locked by the database), pharmacy fills and adherence (PDC), cost barriers.

-- The patient's current medication list as the care team keeps it. The row holds the latest state; every change
-- (added, changed, stopped, reconciled) is also written to medication_list_change, which is never changed.
create table medication_list_item (
    id          uuid primary key,
    patient_id  uuid        not null,
    rxnorm_code text check (rxnorm_code ~ '^[0-9]{1,12}$'),
    name        text        not null check (length(name) between 1 and 200),
    dose        text check (length(dose) <= 120),
    route       text check (length(route) <= 60),
    frequency   text check (length(frequency) <= 120),
    prescriber  text check (length(prescriber) <= 120),
    source      text        not null check (source in ('PATIENT_REPORTED', 'EHR', 'DISCHARGE_LIST', 'PHARMACY')),
    status      text        not null check (status in ('ACTIVE', 'STOPPED')),
    version     int         not null default 1,
    stopped_at  timestamptz,
    created_at  timestamptz not null default now(),
    created_by  text        not null,
    updated_at  timestamptz,
    updated_by  text,
    check ((status = 'STOPPED') = (stopped_at is not null))
);
create index medication_list_item_patient_idx on medication_list_item (patient_id, status, name);

create table medication_list_change (
    id          bigint generated always as identity primary key,
    item_id     uuid        not null references medication_list_item (id),
    patient_id  uuid        not null,
    version     int         not null,
    action      text        not null check (action in ('ADDED', 'CHANGED', 'STOPPED', 'RESTARTED', 'RECONCILED')),
    rxnorm_code text,
    name        text        not null,
    dose        text,
    route       text,
    frequency   text,
    prescriber  text,
    source      text        not null,
    status      text        not null,
    reason      text check (length(reason) <= 1000),
    reconciliation_id uuid,
    created_at  timestamptz not null default now(),
    created_by  text        not null,
    unique (item_id, version)
);
create index medication_list_change_patient_idx on medication_list_change (patient_id, created_at desc);

create function medication_list_change_kept() returns trigger language plpgsql as $$
begin
    -- history is never rewritten; only a merge of duplicate patient records moves it to the surviving record
    if tg_op = 'UPDATE' and (to_jsonb(new) - 'patient_id') = (to_jsonb(old) - 'patient_id') then
        return new;
    end if;
    raise exception 'medication list history cannot be changed or deleted' using errcode = 'check_violation';
end $$;
create trigger medication_list_change_no_change before update or delete on medication_list_change
    for each row execute function medication_list_change_kept();

-- A reconciliation: the pre-admission list, the discharge list and what the patient says they take, side by side,
-- one line per drug, each line decided. Status moves only along medication_reconciliation_transition.
create table medication_reconciliation (
    id            uuid primary key,
    patient_id    uuid        not null,
    encounter_id  uuid,
    status        text        not null check (status in ('DRAFT', 'SIGNED', 'CANCELLED')),
    note          text check (length(note) <= 2000),
    signed_at     timestamptz,
    signed_by     text,
    cancel_reason text check (length(cancel_reason) <= 1000),
    created_at    timestamptz not null default now(),
    created_by    text        not null,
    updated_at    timestamptz,
    updated_by    text,
    check ((status = 'SIGNED') = (signed_at is not null and signed_by is not null)),
    check (status <> 'CANCELLED' or cancel_reason is not null)
);
create index medication_reconciliation_patient_idx on medication_reconciliation (patient_id, created_at desc);

-- The state machine: the only moves there are. Updates of the status are guarded by it in SQL.
create table medication_reconciliation_transition (
    action      text not null,
    from_status text not null,
    to_status   text not null,
    primary key (action, from_status)
);
insert into medication_reconciliation_transition (action, from_status, to_status) values
    ('sign', 'DRAFT', 'SIGNED'),
    ('cancel', 'DRAFT', 'CANCELLED');

create table medication_reconciliation_line (
    id                 uuid primary key,
    reconciliation_id  uuid        not null references medication_reconciliation (id),
    position           int         not null,
    list_item_id       uuid,
    rxnorm_code        text check (rxnorm_code ~ '^[0-9]{1,12}$'),
    name               text        not null check (length(name) between 1 and 200),
    drug_class         text,
    in_current         boolean     not null default false,
    current_dose       text check (length(current_dose) <= 120),
    current_route      text check (length(current_route) <= 60),
    current_frequency  text check (length(current_frequency) <= 120),
    in_discharge       boolean     not null default false,
    discharge_dose     text check (length(discharge_dose) <= 120),
    discharge_route    text check (length(discharge_route) <= 60),
    discharge_frequency text check (length(discharge_frequency) <= 120),
    in_patient         boolean     not null default false,
    patient_dose       text check (length(patient_dose) <= 120),
    patient_route      text check (length(patient_route) <= 60),
    patient_frequency  text check (length(patient_frequency) <= 120),
    prescriber         text check (length(prescriber) <= 120),
    discrepancies      text[]      not null default '{}',
    decision           text check (decision in ('CONTINUE', 'STOP', 'CHANGE', 'NEW', 'UNCLEAR')),
    decision_reason    text check (length(decision_reason) <= 1000),
    final_dose         text check (length(final_dose) <= 120),
    final_route        text check (length(final_route) <= 60),
    final_frequency    text check (length(final_frequency) <= 120),
    decided_at         timestamptz,
    decided_by         text,
    check (in_current or in_discharge or in_patient),
    check (decision is null or (decision_reason is not null and decided_by is not null)),
    unique (reconciliation_id, position)
);
create index medication_reconciliation_line_rec_idx on medication_reconciliation_line (reconciliation_id, position);

-- A signed (or cancelled) reconciliation is final: the database refuses to change or delete it or its lines. Only a
-- merge of duplicate patient records may move it to the surviving record.
create function medication_reconciliation_final() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        if old.status = 'DRAFT' then return old; end if;
        raise exception 'a signed or cancelled reconciliation cannot be deleted' using errcode = 'check_violation';
    end if;
    if old.status <> 'DRAFT' and (to_jsonb(new) - 'patient_id') is distinct from (to_jsonb(old) - 'patient_id') then
        raise exception 'a signed or cancelled reconciliation cannot be changed' using errcode = 'check_violation';
    end if;
    return new;
end $$;
create trigger medication_reconciliation_locked before update or delete on medication_reconciliation
    for each row execute function medication_reconciliation_final();

create function medication_reconciliation_line_final() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        if exists (select 1 from medication_reconciliation r where r.id = old.reconciliation_id and r.status <> 'DRAFT') then
            raise exception 'the lines of a signed or cancelled reconciliation cannot be changed' using errcode = 'check_violation';
        end if;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        if exists (select 1 from medication_reconciliation r where r.id = new.reconciliation_id and r.status <> 'DRAFT') then
            raise exception 'the lines of a signed or cancelled reconciliation cannot be changed' using errcode = 'check_violation';
        end if;
        return new;
    end if;
    return old;
end $$;
create trigger medication_reconciliation_line_locked before insert or update or delete on medication_reconciliation_line
    for each row execute function medication_reconciliation_line_final();

create function medication_reconciliation_no_truncate() returns trigger language plpgsql as $$
begin
    raise exception 'reconciliations are never truncated' using errcode = 'check_violation';
end $$;
create trigger medication_reconciliation_no_truncate before truncate on medication_reconciliation
    for each statement execute function medication_reconciliation_no_truncate();
create trigger medication_reconciliation_line_no_truncate before truncate on medication_reconciliation_line
    for each statement execute function medication_reconciliation_no_truncate();

-- Pharmacy fills (FHIR MedicationDispense, or a CSV of fills). The natural key of a fill makes importing the same
-- fills twice change nothing.
create table medication_fill (
    id               uuid primary key,
    patient_id       uuid        not null,
    rxnorm_code      text check (rxnorm_code ~ '^[0-9]{1,12}$'),
    drug_name        text        not null check (length(drug_name) between 1 and 200),
    drug_class       text check (length(drug_class) <= 40),
    filled_on        date        not null,
    days_supply      int         not null check (days_supply between 1 and 365),
    quantity         numeric(10, 2) check (quantity > 0),
    pharmacy         text check (length(pharmacy) <= 200),
    source           text        not null check (source in ('FHIR', 'CSV', 'DEMO')),
    source_reference text check (length(source_reference) <= 300),
    created_at       timestamptz not null default now(),
    created_by       text        not null
);
create unique index medication_fill_key_idx
    on medication_fill (patient_id, coalesce(rxnorm_code, lower(drug_name)), filled_on, days_supply);
create index medication_fill_patient_idx on medication_fill (patient_id, filled_on);

-- The proportion of days covered of each patient, drug class and measurement period, as last computed.
-- flagged_at is set once, the first time the PDC is found below 80%: that is when AdherenceGapFound is published.
create table medication_adherence (
    patient_id     uuid          not null,
    drug_class     text          not null,
    period         text          not null,
    index_date     date          not null,
    period_end     date          not null,
    days_in_period int           not null check (days_in_period > 0),
    days_covered   int           not null check (days_covered >= 0 and days_covered <= days_in_period),
    fills          int           not null,
    pdc            numeric(5, 4) not null check (pdc between 0 and 1),
    computed_at    timestamptz   not null default now(),
    flagged_at     timestamptz,
    primary key (patient_id, drug_class, period)
);
create index medication_adherence_flagged_idx on medication_adherence (patient_id) where pdc < 0.8;

-- What stops a patient from getting a medication because of its cost, and the alternative found.
create table medication_cost_barrier (
    id           uuid primary key,
    patient_id   uuid        not null,
    drug_name    text        not null check (length(drug_name) between 1 and 200),
    barrier      text        not null check (length(barrier) between 1 and 1000),
    monthly_cost numeric(10, 2) check (monthly_cost >= 0),
    alternative  text check (length(alternative) <= 1000),
    created_at   timestamptz not null default now(),
    created_by   text        not null
);
create index medication_cost_barrier_patient_idx on medication_cost_barrier (patient_id, created_at desc);
