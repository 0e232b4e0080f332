-- Discharge medication orders sent as FHIR MedicationRequest (a discharge list): kept as sent, and each one put in the
-- discharge column of the patient's draft reconciliation (one is started when none is open).
create table medication_request (
    id                uuid primary key,
    patient_id        uuid        not null,
    encounter_id      uuid,
    reconciliation_id uuid,
    rxnorm_code       text check (rxnorm_code ~ '^[0-9]{1,12}$'),
    name              text        not null check (length(name) between 1 and 200),
    dose              text check (length(dose) <= 120),
    route             text check (length(route) <= 60),
    frequency         text check (length(frequency) <= 120),
    dosage_text       text check (length(dosage_text) <= 1000),
    prescriber        text check (length(prescriber) <= 120),
    status            text        not null check (status in ('active', 'on-hold', 'cancelled', 'completed',
        'entered-in-error', 'stopped', 'draft', 'unknown')),
    intent            text        not null check (intent in ('proposal', 'plan', 'order', 'original-order')),
    authored_on       timestamptz,
    source_reference  text check (length(source_reference) <= 300),
    created_at        timestamptz not null default now(),
    created_by        text        not null
);
create index medication_request_patient_idx on medication_request (patient_id, created_at);
