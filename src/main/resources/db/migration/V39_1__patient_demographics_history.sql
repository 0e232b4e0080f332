-- The patient's earlier demographics: each change of name, birth date, sex, address, phone, e-mail or language
-- (by a person on the registration page, or by a hospital's feed: A08, A28, A31) keeps the values it replaced.
create table patient_demographics_history (
    id          uuid primary key,
    patient_id  uuid        not null references patient (id),
    replaced_at timestamptz not null default now(),
    replaced_by text        not null,
    previous    jsonb       not null
);
create index patient_demographics_history_patient_idx on patient_demographics_history (patient_id, replaced_at desc);
