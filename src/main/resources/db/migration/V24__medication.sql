-- What the patient takes or took, as the EHR or another source tells it (FHIR MedicationStatement). One item per
-- patient, medication code and start: importing the same list again finds the items already held.
create table medication_statement (
    id               uuid primary key,
    patient_id       uuid        not null,
    code_system      text        not null,
    code             text        not null,
    display          text        not null,
    status           text        not null check (status in ('active', 'completed', 'entered-in-error', 'intended',
        'stopped', 'on-hold', 'unknown', 'not-taken')),
    effective_start  timestamptz,
    effective_end    timestamptz,
    dosage           text,
    reason           text,
    source           text        not null,
    source_reference text,
    created_at       timestamptz not null default now(),
    created_by       text        not null,
    check (effective_end is null or effective_start is null or effective_end >= effective_start)
);
create index medication_statement_patient_idx on medication_statement (patient_id, status);
create unique index medication_statement_item_idx
    on medication_statement (patient_id, code_system, code, coalesce(effective_start, '-infinity'::timestamptz));

-- The patient's allergies and intolerances (FHIR AllergyIntolerance), one per patient and substance code.
create table allergy_intolerance (
    id                  uuid primary key,
    patient_id          uuid        not null,
    code_system         text        not null,
    code                text        not null,
    display             text        not null,
    clinical_status     text check (clinical_status in ('active', 'inactive', 'resolved')),
    verification_status text check (verification_status in ('unconfirmed', 'confirmed', 'refuted', 'entered-in-error')),
    type                text check (type in ('allergy', 'intolerance')),
    category            text check (category in ('food', 'medication', 'environment', 'biologic')),
    criticality         text check (criticality in ('low', 'high', 'unable-to-assess')),
    recorded_at         timestamptz,
    reaction            text,
    source              text        not null,
    created_at          timestamptz not null default now(),
    created_by          text        not null,
    -- FHIR: a clinical status unless the entry was made in error, and none when it was
    check ((coalesce(verification_status, '') = 'entered-in-error') = (clinical_status is null))
);
create index allergy_intolerance_patient_idx on allergy_intolerance (patient_id);
create unique index allergy_intolerance_item_idx on allergy_intolerance (patient_id, code_system, code);
