-- The patient registry: people Caremap knows about, their identifiers (with the assigning authority) and
-- their coded conditions. Clinical rows are voided, never deleted.
create extension if not exists pg_trgm;

create table patient (
    id                 uuid primary key,
    organization_id    uuid        not null,
    family_name        text        not null,
    given_name         text        not null,
    middle_name        text,
    birth_date         date        not null,
    sex                text        not null check (sex in ('female', 'male', 'other', 'unknown')),
    phone              text,
    email              text,
    address_line       text,
    city               text,
    state              text,
    postal_code        text,
    preferred_language text        not null default 'en',
    voided             boolean     not null default false,
    voided_by          text,
    void_reason        text,
    created_at         timestamptz not null default now(),
    created_by         text        not null,
    updated_at         timestamptz,
    updated_by         text
);
create index patient_org_name_idx on patient (organization_id, lower(family_name), lower(given_name));
create index patient_birth_date_idx on patient (birth_date);

create table patient_identifier (
    id         uuid primary key,
    patient_id uuid        not null references patient (id),
    type       text        not null check (type in ('MR', 'MB', 'SS', 'DL', 'PI', 'AN')),
    system     text        not null,
    value      text        not null,
    assigner   text        not null,
    created_at timestamptz not null default now(),
    created_by text        not null,
    unique (system, value)
);
create index patient_identifier_patient_idx on patient_identifier (patient_id);

create table patient_condition (
    id              uuid primary key,
    patient_id      uuid        not null references patient (id),
    code_system     text        not null,
    code            text        not null,
    display         text        not null,
    clinical_status text        not null default 'active'
        check (clinical_status in ('active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved')),
    onset_date      date,
    voided          boolean     not null default false,
    voided_by       text,
    void_reason     text,
    created_at      timestamptz not null default now(),
    created_by      text        not null,
    updated_at      timestamptz,
    updated_by      text
);
create index patient_condition_patient_idx on patient_condition (patient_id);
