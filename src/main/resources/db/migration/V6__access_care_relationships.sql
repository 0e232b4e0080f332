-- Who cares for whom: the relationships that open a patient's record to a user (recorded by the caseload
-- and the care team through the access module's API).
create table care_relationship (
    id         uuid primary key,
    user_id    uuid        not null,
    patient_id uuid        not null,
    kind       text        not null check (kind in ('CASE_MANAGER', 'CARE_TEAM', 'INTAKE', 'UTILIZATION_REVIEW')),
    source     text,
    valid_from timestamptz not null,
    valid_to   timestamptz,
    created_at timestamptz not null default now(),
    created_by text        not null,
    ended_by   text,
    check (valid_to is null or valid_to >= valid_from)
);
create index care_relationship_user_patient_idx on care_relationship (user_id, patient_id);
create index care_relationship_patient_idx on care_relationship (patient_id);
