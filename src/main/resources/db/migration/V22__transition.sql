-- Every ADT message as it came (for audit and reprocessing), with what was made of it. An identical payload under
-- the same sender and control id is a resend (counted, not applied again); a different payload under a reused
-- control id is a new message, applied and flagged.
create table adt_message (
    id                 uuid primary key,
    received_at        timestamptz not null default now(),
    channel            text        not null check (channel in ('MLLP', 'HTTP', 'FILE')),
    sending_app        text        not null,
    sending_facility   text        not null,
    control_id         text        not null,
    event              text,
    version            text,
    payload            text        not null,
    payload_sha256     text        not null,
    status             text        not null check (status in ('APPLIED', 'STORED', 'UNMATCHED', 'REJECTED')),
    ack_code           text        not null check (ack_code in ('AA', 'AE', 'AR')),
    error              text,
    reused_control_id  boolean     not null default false,
    resends            int         not null default 0,
    patient_id         uuid,
    encounter_id       uuid,
    processed_at       timestamptz,
    reprocessed_by     text,
    unique (sending_app, sending_facility, control_id, payload_sha256)
);
create index adt_message_received_idx on adt_message (received_at desc);
create index adt_message_status_idx on adt_message (status, received_at desc) where status in ('UNMATCHED', 'REJECTED');
create index adt_message_patient_idx on adt_message (patient_id) where patient_id is not null;

-- A hospital or clinic stay or visit as the feed tells it (FHIR Encounter).
create table encounter (
    id              uuid primary key,
    patient_id      uuid        not null,
    facility        text        not null,
    visit_number    text,
    patient_class   text        not null,
    location        text,
    admission_type  text,
    admit_source    text,
    disposition     text,
    admitted_at     timestamptz,
    discharged_at   timestamptz,
    status          text        not null check (status in ('PLANNED', 'IN_PROGRESS', 'FINISHED', 'CANCELLED')),
    lace            int,
    lace_detail     text,
    readmission_of  uuid references encounter (id),
    diagnoses       text[]      not null default '{}',
    admit_notified_at timestamptz,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz,
    last_message_id uuid
);
create unique index encounter_visit_idx on encounter (patient_id, facility, visit_number) where visit_number is not null;
create index encounter_patient_idx on encounter (patient_id, admitted_at desc);
create index encounter_recent_discharge_idx on encounter (discharged_at desc) where status = 'FINISHED';

-- The 30-day transitional care period after a discharge of an enrolled patient, with its clocks.
create table care_transition (
    id              uuid primary key,
    encounter_id    uuid        not null unique references encounter (id),
    patient_id      uuid        not null,
    case_id         uuid,
    discharged_at   timestamptz not null,
    contact_due     timestamptz not null,
    visit_due       timestamptz not null,
    period_ends     timestamptz not null,
    high_complexity boolean     not null,
    status          text        not null check (status in ('OPEN', 'CANCELLED', 'ENDED')),
    created_at      timestamptz not null default now()
);
create index care_transition_open_idx on care_transition (period_ends) where status = 'OPEN';

-- The discharge-planning checklist of a stay, kept by the hospital's case managers.
create table discharge_checklist_item (
    encounter_id uuid        not null references encounter (id),
    item         text        not null check (item in ('POST_ACUTE_SERVICES', 'EQUIPMENT', 'HOME_HEALTH', 'FOLLOW_UP_BOOKED',
        'MEDICATIONS', 'EDUCATION', 'TRANSPORT', 'CAREGIVER_READY')),
    done         boolean     not null,
    note         text,
    updated_at   timestamptz not null default now(),
    updated_by   text        not null,
    primary key (encounter_id, item)
);
