-- Utilization management, part one: prior authorization requests to a payer, their lines (a procedure, service or
-- revenue code with units) and the payer's decision per line, the clinical documents sent with them, the units that
-- visits use, appeals of denials, peer-to-peer reviews, the care-plan interventions that depend on a line, stored
-- eligibility answers, and the payer rules (decision time frames, appeal filing windows, re-authorization
-- thresholds) with the source of each rule. Status changes are guarded in SQL by the utilization module
-- (update ... where status = any(<the statuses the action starts from>)).

create table payer_rule (
    id                      uuid primary key,
    payer                   text        not null constraint payer_rule_payer_max_200 check (char_length(payer) <= 200),
    payer_type              text        not null check (payer_type in ('MEDICARE_ADVANTAGE', 'MEDICAID', 'CHIP',
        'EXCHANGE_QHP', 'EMPLOYER_ERISA', 'MEDICARE', 'OTHER')),
    expedited_hours         integer     not null check (expedited_hours between 1 and 720),
    standard_days           integer     not null check (standard_days between 1 and 90),
    decision_source         text        not null constraint payer_rule_decision_source_max_500 check (char_length(decision_source) <= 500),
    appeal_days             integer     not null check (appeal_days between 1 and 365),
    appeal_source           text        not null constraint payer_rule_appeal_source_max_500 check (char_length(appeal_source) <= 500),
    renewal_share_percent   integer     not null default 80 check (renewal_share_percent between 1 and 100),
    renewal_business_days   integer     not null default 10 check (renewal_business_days between 0 and 60),
    created_at              timestamptz not null default now(),
    created_by              text        not null,
    updated_at              timestamptz not null default now(),
    updated_by              text        not null
);
-- one rule per payer name, whatever its case; '*' is the rule for payers nobody configured
create unique index payer_rule_payer_idx on payer_rule (lower(payer));

insert into payer_rule (id, payer, payer_type, expedited_hours, standard_days, decision_source, appeal_days,
                        appeal_source, created_by, updated_by)
values ('00000000-0000-4000-8000-00000000a001', '*', 'OTHER', 72, 7,
        'Caremap default: the CMS Interoperability and Prior Authorization final rule (CMS-0057-F) time frames, 72 hours expedited and 7 calendar days standard; set the payer''s own rule where it differs',
        60, 'Caremap default: 60 days, the shortest common window (Medicaid managed care, 42 CFR 438.402); check the payer''s notice',
        'system', 'system');

create table authorization_request (
    id                   uuid primary key,
    patient_id           uuid        not null,
    coverage_id          uuid,
    payer                text        not null constraint authorization_request_payer_max_200 check (char_length(payer) <= 200),
    member_id            text constraint authorization_request_member_id_max_100 check (char_length(member_id) <= 100),
    service              text        not null constraint authorization_request_service_max_500 check (char_length(service) <= 500),
    diagnoses            text[]      not null default '{}' check (cardinality(diagnoses) <= 12),
    requesting_provider  text        not null constraint authorization_request_requesting_provider_max_200 check (char_length(requesting_provider) <= 200),
    servicing_provider   text constraint authorization_request_servicing_provider_max_200 check (char_length(servicing_provider) <= 200),
    wanted_from          date        not null,
    wanted_to            date        not null,
    urgency              text        not null check (urgency in ('STANDARD', 'EXPEDITED')),
    clinical_notes       text constraint authorization_request_clinical_notes_max_8000 check (char_length(clinical_notes) <= 8000),
    status               text        not null check (status in ('DRAFT', 'SUBMITTED', 'PENDED', 'APPROVED',
        'PARTIALLY_APPROVED', 'DENIED', 'WITHDRAWN', 'EXPIRED')),
    status_note          text constraint authorization_request_status_note_max_2000 check (char_length(status_note) <= 2000),
    submitted_at         timestamptz,
    decision_due_at      timestamptz,
    decided_at           timestamptz,
    payer_reference      text constraint authorization_request_payer_reference_max_100 check (char_length(payer_reference) <= 100),
    decision_reason      text constraint authorization_request_decision_reason_max_2000 check (char_length(decision_reason) <= 2000),
    first_decision       text check (first_decision in ('APPROVED', 'PARTIALLY_APPROVED', 'DENIED')),
    overturned_on_appeal boolean     not null default false,
    overdue_flagged_at   timestamptz,
    owner_user_id        uuid,
    intervention_id      uuid,
    version              integer     not null default 0,
    voided               boolean     not null default false,
    voided_by            text,
    void_reason          text constraint authorization_request_void_reason_max_2000 check (char_length(void_reason) <= 2000),
    created_at           timestamptz not null default now(),
    created_by           text        not null,
    updated_at           timestamptz not null default now(),
    updated_by           text        not null,
    check (wanted_to >= wanted_from),
    check (status = 'DRAFT' or status = 'WITHDRAWN' or submitted_at is not null)
);
-- the chart's tab: a patient's authorizations, newest first
create index authorization_request_patient_idx on authorization_request (patient_id, created_at desc);
-- the work list and the overdue sweep: decisions still owed, by due time
create index authorization_request_due_idx on authorization_request (decision_due_at) where status in ('SUBMITTED', 'PENDED') and not voided;
-- FHIR search by _lastUpdated; the turnaround report by payer and submission
create index authorization_request_updated_idx on authorization_request (updated_at);
create index authorization_request_payer_idx on authorization_request (payer, submitted_at) where submitted_at is not null;

create table authorization_line (
    id               uuid primary key,
    authorization_id uuid        not null references authorization_request (id),
    position         integer     not null check (position between 1 and 50),
    code_system      text        not null check (code_system in ('CPT', 'HCPCS', 'REVENUE')),
    code             text        not null constraint authorization_line_code_max_10 check (char_length(code) <= 10),
    description      text constraint authorization_line_description_max_300 check (char_length(description) <= 300),
    units_requested  integer     not null check (units_requested between 1 and 9999),
    unit_kind        text        not null check (unit_kind in ('VISIT', 'DAY', 'UNIT', 'HOUR')),
    decision         text        not null default 'PENDING' check (decision in ('PENDING', 'APPROVED', 'PARTIAL', 'DENIED')),
    units_approved   integer check (units_approved between 0 and 9999),
    approved_from    date,
    approved_to      date,
    denial_reason    text constraint authorization_line_denial_reason_max_2000 check (char_length(denial_reason) <= 2000),
    units_used       integer     not null default 0 check (units_used >= 0),
    renewal_flagged_at timestamptz,
    renewal_reason   text constraint authorization_line_renewal_reason_max_500 check (char_length(renewal_reason) <= 500),
    unique (authorization_id, position),
    check (approved_to is null or approved_from is null or approved_to >= approved_from)
);
create index authorization_line_authorization_idx on authorization_line (authorization_id);
-- the renewal sweep: lines approved and not yet flagged, by expiry
create index authorization_line_renewal_idx on authorization_line (approved_to) where renewal_flagged_at is null and decision in ('APPROVED', 'PARTIAL');

-- what a visit, a kept appointment or a session used of a line; a booked appointment is planned until it is kept
create table authorization_unit_use (
    id               uuid primary key,
    line_id          uuid        not null references authorization_line (id),
    authorization_id uuid        not null references authorization_request (id),
    patient_id       uuid        not null,
    source_kind      text        not null check (source_kind in ('APPOINTMENT', 'VISIT')),
    source_id        uuid,
    used_on          date        not null,
    units            integer     not null check (units between 1 and 999),
    counted          boolean     not null,
    warning          text constraint authorization_unit_use_warning_max_500 check (char_length(warning) <= 500),
    note             text constraint authorization_unit_use_note_max_1000 check (char_length(note) <= 1000),
    voided           boolean     not null default false,
    voided_by        text,
    void_reason      text constraint authorization_unit_use_void_reason_max_2000 check (char_length(void_reason) <= 2000),
    created_at       timestamptz not null default now(),
    created_by       text        not null,
    updated_at       timestamptz not null default now(),
    updated_by       text        not null
);
create index authorization_unit_use_line_idx on authorization_unit_use (line_id, used_on);
create unique index authorization_unit_use_source_idx on authorization_unit_use (line_id, source_kind, source_id)
    where source_id is not null and not voided;
create index authorization_unit_use_appointment_idx on authorization_unit_use (source_id) where source_kind = 'APPOINTMENT' and not voided;

create table authorization_document (
    id               uuid primary key,
    authorization_id uuid        not null references authorization_request (id),
    patient_id       uuid        not null,
    filename         text        not null constraint authorization_document_filename_max_200 check (char_length(filename) <= 200),
    content_type     text        not null check (content_type in ('application/pdf', 'text/plain')),
    content          bytea       not null check (octet_length(content) between 1 and 5242880),
    voided           boolean     not null default false,
    created_at       timestamptz not null default now(),
    created_by       text        not null
);
create index authorization_document_authorization_idx on authorization_document (authorization_id);

create table authorization_appeal (
    id               uuid primary key,
    authorization_id uuid        not null references authorization_request (id),
    patient_id       uuid        not null,
    level            text        not null check (level in ('INTERNAL', 'SECOND_LEVEL', 'EXTERNAL')),
    status           text        not null check (status in ('DRAFT', 'FILED', 'UPHELD', 'OVERTURNED',
        'PARTIALLY_OVERTURNED', 'WITHDRAWN')),
    notice_date      date        not null,
    filing_deadline  date        not null,
    deadline_source  text        not null constraint authorization_appeal_deadline_source_max_500 check (char_length(deadline_source) <= 500),
    letter           text        not null constraint authorization_appeal_letter_max_20000 check (char_length(letter) <= 20000),
    filed_at         timestamptz,
    decided_at       timestamptz,
    outcome_note     text constraint authorization_appeal_outcome_note_max_2000 check (char_length(outcome_note) <= 2000),
    owner_user_id    uuid,
    version          integer     not null default 0,
    created_at       timestamptz not null default now(),
    created_by       text        not null,
    updated_at       timestamptz not null default now(),
    updated_by       text        not null,
    unique (authorization_id, level)
);
create index authorization_appeal_authorization_idx on authorization_appeal (authorization_id);
create index authorization_appeal_deadline_idx on authorization_appeal (filing_deadline) where status = 'DRAFT';

create table peer_to_peer (
    id               uuid primary key,
    authorization_id uuid        not null references authorization_request (id),
    patient_id       uuid        not null,
    requested_at     timestamptz not null,
    scheduled_for    timestamptz,
    physician        text        not null constraint peer_to_peer_physician_max_200 check (char_length(physician) <= 200),
    payer_reviewer   text constraint peer_to_peer_payer_reviewer_max_200 check (char_length(payer_reviewer) <= 200),
    outcome          text check (outcome in ('UPHELD', 'OVERTURNED', 'PARTIALLY_OVERTURNED', 'NOT_HELD')),
    outcome_note     text constraint peer_to_peer_outcome_note_max_2000 check (char_length(outcome_note) <= 2000),
    recorded_at      timestamptz,
    created_at       timestamptz not null default now(),
    created_by       text        not null,
    updated_at       timestamptz not null default now(),
    updated_by       text        not null
);
create index peer_to_peer_authorization_idx on peer_to_peer (authorization_id);

-- a care-plan intervention that depends on an authorization line (or on one still to be requested)
create table authorization_need (
    intervention_id  uuid primary key,
    patient_id       uuid        not null,
    line_id          uuid references authorization_line (id),
    created_at       timestamptz not null default now(),
    created_by       text        not null,
    updated_at       timestamptz not null default now(),
    updated_by       text        not null
);
create index authorization_need_patient_idx on authorization_need (patient_id);

-- an eligibility question put to a payer and its answer (FHIR CoverageEligibilityRequest / Response)
create table coverage_eligibility (
    id               uuid primary key,
    patient_id       uuid        not null,
    payer            text        not null constraint coverage_eligibility_payer_max_200 check (char_length(payer) <= 200),
    member_id        text constraint coverage_eligibility_member_id_max_100 check (char_length(member_id) <= 100),
    service          text constraint coverage_eligibility_service_max_500 check (char_length(service) <= 500),
    asked_at         timestamptz not null,
    answered_at      timestamptz,
    in_force         boolean,
    auth_required    boolean,
    answer_note      text constraint coverage_eligibility_answer_note_max_2000 check (char_length(answer_note) <= 2000),
    payer_reference  text constraint coverage_eligibility_payer_reference_max_100 check (char_length(payer_reference) <= 100),
    created_at       timestamptz not null default now(),
    created_by       text        not null,
    updated_at       timestamptz not null default now(),
    updated_by       text        not null
);
create index coverage_eligibility_patient_idx on coverage_eligibility (patient_id, asked_at desc);
create index coverage_eligibility_updated_idx on coverage_eligibility (updated_at);
