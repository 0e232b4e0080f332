-- Typo-tolerant name search, the support network (family, caregivers) and coverage.
create index patient_name_trgm_idx on patient using gin (lower(family_name || ' ' || given_name) gin_trgm_ops);
create index patient_name_rev_trgm_idx on patient using gin (lower(given_name || ' ' || family_name) gin_trgm_ops);
create index patient_family_prefix_idx on patient (lower(family_name) text_pattern_ops);
create index patient_identifier_value_idx on patient_identifier (upper(value));
create index patient_phone_digits_idx on patient (regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'));

create table patient_contact (
    id                   uuid primary key,
    patient_id           uuid        not null references patient (id),
    name                 text        not null,
    relationship         text        not null,
    phone                text,
    email                text,
    caregiver            boolean     not null default false,
    legal_representative boolean     not null default false,
    may_be_told          text        not null default 'NOTHING'
        check (may_be_told in ('NOTHING', 'APPOINTMENTS', 'CARE_PLAN', 'EVERYTHING')),
    voided               boolean     not null default false,
    voided_by            text,
    void_reason          text,
    created_at           timestamptz not null default now(),
    created_by           text        not null,
    updated_at           timestamptz,
    updated_by           text
);
create index patient_contact_patient_idx on patient_contact (patient_id);

create table patient_coverage (
    id             uuid primary key,
    patient_id     uuid        not null references patient (id),
    payer          text        not null,
    plan           text,
    member_id      text        not null,
    group_number   text,
    effective_from date        not null,
    effective_to   date,
    priority       int         not null check (priority between 1 and 9),
    voided         boolean     not null default false,
    voided_by      text,
    void_reason    text,
    created_at     timestamptz not null default now(),
    created_by     text        not null,
    updated_at     timestamptz,
    updated_by     text,
    check (effective_to is null or effective_to >= effective_from)
);
create index patient_coverage_patient_idx on patient_coverage (patient_id);
