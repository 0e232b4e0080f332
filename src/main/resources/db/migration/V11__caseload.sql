-- Cases: an enrolment of a patient in a program (FHIR EpisodeOfCare) with its case manager, status, consent to
-- care management and acuity; every change kept as a step; the case team.
create table care_case (
    id                            uuid primary key,
    patient_id                    uuid        not null,
    program_id                    uuid        not null,
    referral_id                   uuid,
    case_manager_id               uuid        not null,
    status                        text        not null check (status in ('ACTIVE', 'ON_HOLD', 'CLOSED')),
    start_date                    date        not null,
    hold_reason                   text,
    hold_until                    date,
    closed_on                     date,
    close_reason                  text,
    outcome                       text,
    acuity                        text        not null check (acuity in ('LOW', 'MODERATE', 'HIGH', 'COMPLEX')),
    acuity_reason                 text        not null,
    consent_date                  date,
    consent_method                text check (consent_method in ('VERBAL', 'WRITTEN')),
    consent_by                    text,
    consent_told_available        boolean     not null default false,
    consent_told_cost_sharing     boolean     not null default false,
    consent_told_one_practitioner boolean     not null default false,
    consent_told_can_stop         boolean     not null default false,
    version                       int         not null default 0,
    created_at                    timestamptz not null default now(),
    created_by                    text        not null,
    updated_at                    timestamptz,
    updated_by                    text,
    check (status <> 'CLOSED' or (closed_on is not null and close_reason is not null)),
    check (status <> 'ON_HOLD' or hold_reason is not null)
);
-- one open case per patient and program
create unique index care_case_open_idx on care_case (patient_id, program_id) where status <> 'CLOSED';
-- "my caseload": a case manager's open cases
create index care_case_manager_idx on care_case (case_manager_id, status, start_date desc);
create index care_case_program_idx on care_case (program_id, status);
create index care_case_patient_idx on care_case (patient_id);

create table case_step (
    id         bigint generated always as identity primary key,
    case_id    uuid        not null references care_case (id),
    kind       text        not null,
    from_value text,
    to_value   text        not null,
    note       text,
    created_at timestamptz not null default now(),
    created_by text        not null
);
create index case_step_case_idx on case_step (case_id);

create table case_team_member (
    id         uuid primary key,
    case_id    uuid        not null references care_case (id),
    user_id    uuid        not null,
    role       text        not null,
    valid_from date        not null,
    valid_to   date,
    created_at timestamptz not null default now(),
    created_by text        not null,
    check (valid_to is null or valid_to >= valid_from)
);
create index case_team_member_case_idx on case_team_member (case_id);
create index case_team_member_user_idx on case_team_member (user_id);
