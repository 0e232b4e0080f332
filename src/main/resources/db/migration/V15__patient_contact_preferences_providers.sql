-- How and when to reach the patient, whether an interpreter is needed; the directory of practitioners and
-- organisations, and each patient's primary care provider and specialists.
alter table patient add column preferred_contact_method text not null default 'PHONE'
    check (preferred_contact_method in ('PHONE', 'TEXT', 'EMAIL', 'MAIL', 'PORTAL', 'IN_PERSON'));
alter table patient add column preferred_contact_times text;
alter table patient add column interpreter_needed boolean not null default false;

create table provider (
    id              uuid primary key,
    organization_id uuid        not null,
    kind            text        not null check (kind in ('PRACTITIONER', 'ORGANIZATION')),
    name            text        not null,
    specialty       text,
    npi             text check (npi is null or npi ~ '^[0-9]{10}$'),
    phone           text,
    address         text,
    active          boolean     not null default true,
    created_at      timestamptz not null default now(),
    created_by      text        not null
);
create index provider_name_idx on provider (organization_id, lower(name));

create table patient_provider (
    id          uuid primary key,
    patient_id  uuid        not null references patient (id),
    provider_id uuid        not null references provider (id),
    role        text        not null check (role in ('PRIMARY_CARE', 'SPECIALIST', 'OTHER')),
    since       date,
    voided      boolean     not null default false,
    voided_by   text,
    void_reason text,
    created_at  timestamptz not null default now(),
    created_by  text        not null
);
create index patient_provider_patient_idx on patient_provider (patient_id);
