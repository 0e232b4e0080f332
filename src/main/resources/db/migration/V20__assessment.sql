-- Instruments are data: every version of every instrument definition, from the shipped files or an
-- administrator's edit. An assessment keeps the version it was answered on, so old scores stay explainable.
create table instrument_version (
    key        text        not null,
    seq        int         not null check (seq > 0),
    version    text        not null,
    title      text        not null,
    definition text        not null,
    checksum   text        not null,
    origin     text        not null check (origin in ('FILE', 'ADMIN')),
    note       text,
    created_at timestamptz not null default now(),
    created_by text        not null,
    primary key (key, seq),
    unique (key, version)
);

-- An assessment is work: assigned with a due date, saved part way, completed (scored), expired or cancelled.
create table assessment (
    id             uuid primary key,
    patient_id     uuid        not null,
    case_id        uuid,
    instrument_key text        not null,
    instrument_seq int         not null,
    status         text        not null check (status in ('ASSIGNED', 'IN_PROGRESS', 'COMPLETED', 'EXPIRED', 'CANCELLED')),
    due_on         date        not null,
    answers        jsonb       not null default '{}',
    respondent     text check (respondent in ('PATIENT', 'CAREGIVER', 'STAFF_OBSERVATION')),
    result         jsonb,
    total          numeric,
    band_code      text,
    band_label     text,
    positive       boolean,
    task_id        uuid,
    source         text,
    assigned_at    timestamptz not null default now(),
    assigned_by    text        not null,
    started_at     timestamptz,
    completed_at   timestamptz,
    completed_by   text,
    closed_reason  text,
    version        int         not null default 0,
    updated_at     timestamptz,
    updated_by     text,
    foreign key (instrument_key, instrument_seq) references instrument_version (key, seq),
    check (status <> 'COMPLETED' or (completed_at is not null and result is not null))
);
-- one open assessment per patient and instrument (assigning it twice is a mistake the page explains)
create unique index assessment_one_open_idx on assessment (patient_id, instrument_key)
    where status in ('ASSIGNED', 'IN_PROGRESS');
create index assessment_patient_idx on assessment (patient_id, assigned_at desc);
create index assessment_history_idx on assessment (patient_id, instrument_key, completed_at)
    where status = 'COMPLETED';
create index assessment_open_due_idx on assessment (due_on) where status in ('ASSIGNED', 'IN_PROGRESS');

-- What a completed assessment raised that someone must act on (PHQ-9 item 9, an unsafe home).
create table assessment_flag (
    id             uuid primary key,
    assessment_id  uuid        not null references assessment (id),
    patient_id     uuid        not null,
    code           text        not null,
    severity       text        not null check (severity in ('URGENT', 'HIGH', 'INFO')),
    label          text        not null,
    raised_at      timestamptz not null default now(),
    addressed_at   timestamptz,
    addressed_by   text,
    addressed_note text,
    check (addressed_at is null or addressed_note is not null)
);
create index assessment_flag_open_idx on assessment_flag (patient_id) where addressed_at is null;

-- The patient's social needs (positive HRSN domains), open until someone records how each was met.
create table social_need (
    id            uuid primary key,
    patient_id    uuid        not null,
    code          text        not null,
    label         text        not null,
    loinc         text,
    assessment_id uuid references assessment (id),
    identified_on date        not null,
    status        text        not null check (status in ('OPEN', 'RESOLVED')),
    resolution    text,
    resolved_at   timestamptz,
    resolved_by   text,
    created_at    timestamptz not null default now(),
    check (status <> 'RESOLVED' or (resolution is not null and resolved_at is not null))
);
create unique index social_need_open_idx on social_need (patient_id, code) where status = 'OPEN';

-- Re-assessment schedules per program, e.g. PHQ-9 every 90 days while depression is an active problem.
create table reassessment_rule (
    id             uuid primary key,
    program_id     uuid        not null,
    instrument_key text        not null,
    every_days     int         not null check (every_days between 7 and 730),
    while_codes    text[]      not null default '{}',
    while_label    text,
    active         boolean     not null default true,
    created_at     timestamptz not null default now(),
    created_by     text        not null,
    unique (program_id, instrument_key)
);
