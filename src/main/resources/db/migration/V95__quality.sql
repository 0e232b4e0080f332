-- Outcome measures (quality module): its own read model, filled by the listeners of the modules' events (never by
-- reading their tables). Each row is keyed by the id of what it records, so an event delivered twice changes
-- nothing. Days are days in the organisation's time zone. No foreign keys: the read model can be rebuilt or
-- bulk-loaded in any order, and the dashboard only counts; a drill-down asks the patient module for names.

-- One enrolment (a case) with the program and case manager it counts for, and its start.
create table quality_case (
    case_id         uuid primary key,
    patient_id      uuid not null,
    program_id      uuid not null,
    case_manager_id uuid not null,
    opened_on       date not null
);
create index quality_case_program_idx on quality_case (program_id, opened_on);
create index quality_case_manager_idx on quality_case (case_manager_id, opened_on);
create index quality_case_patient_idx on quality_case (patient_id);

-- The end of a case and why, kept apart so that the closing event may be heard before the opening one (listeners
-- run on threads of their own, in no promised order).
create table quality_case_closure (
    case_id       uuid primary key,
    closed_on     date not null,
    close_reason  text not null,
    close_outcome text
);
create index quality_case_closure_day_idx on quality_case_closure (closed_on);

-- Hospital stays (inpatient) and ED visits, from the transitions module's events.
create table quality_stay (
    encounter_id  uuid primary key,
    patient_id    uuid not null,
    kind          text not null constraint quality_stay_kind check (kind in ('INPATIENT', 'ED')),
    admitted_on   date,
    discharged_on date,
    constraint quality_stay_order check (discharged_on is null or admitted_on is null or discharged_on >= admitted_on)
);
create index quality_stay_patient_idx on quality_stay (patient_id, admitted_on);
create index quality_stay_discharged_idx on quality_stay (discharged_on) where kind = 'INPATIENT';

-- Contacts (attempts and conversations), whether the patient or a caregiver was reached.
create table quality_contact (
    contact_id  uuid primary key,
    patient_id  uuid not null,
    case_id     uuid,
    occurred_on date not null,
    reached     boolean not null
);
create index quality_contact_patient_idx on quality_contact (patient_id, occurred_on);

-- Care plan goals: the day first seen on a plan, and the first day seen met (achieved, sustained or completed) or
-- dropped (cancelled, not attainable), from each plan version's goal states (versions may be heard in any order).
create table quality_goal (
    goal_id    uuid primary key,
    patient_id uuid not null,
    case_id    uuid not null,
    first_on   date not null,
    met_on     date,
    dropped_on date
);
create index quality_goal_case_idx on quality_goal (case_id);
create index quality_goal_patient_idx on quality_goal (patient_id);

-- PHQ-9 totals of completed assessments (for response and remission at follow-up).
create table quality_phq9 (
    assessment_id uuid primary key,
    patient_id    uuid    not null,
    completed_on  date    not null,
    total         integer not null constraint quality_phq9_total check (total between 0 and 27)
);
create index quality_phq9_patient_idx on quality_phq9 (patient_id, completed_on);

-- Kept face-to-face provider visits (TCM visit, TRC engagement), signed medication reconciliations (TRC), and
-- community referrals sent and closed (the closing may be heard before the sending).
create table quality_visit (
    appointment_id uuid primary key,
    patient_id     uuid not null,
    kept_on        date not null
);
create index quality_visit_patient_idx on quality_visit (patient_id, kept_on);
create table quality_reconciliation (
    reconciliation_id uuid primary key,
    patient_id        uuid not null,
    signed_on         date not null
);
create index quality_reconciliation_patient_idx on quality_reconciliation (patient_id, signed_on);
create table quality_community_referral (
    referral_id uuid primary key,
    patient_id  uuid not null,
    sent_on     date,
    closed_on   date
);
create index quality_community_referral_patient_idx on quality_community_referral (patient_id, sent_on);

-- Prior authorization requests: when sent to the payer and when first decided (an appeal's later decision is not
-- the turnaround).
create table quality_authorization (
    authorization_id uuid primary key,
    patient_id       uuid        not null,
    submitted_at     timestamptz not null,
    decided_at       timestamptz not null,
    decided_on       date        not null
);
create index quality_authorization_patient_idx on quality_authorization (patient_id, decided_on);

-- Referrals received for a program.
create table quality_referral (
    referral_id uuid primary key,
    patient_id  uuid not null,
    program_id  uuid not null,
    received_on date not null
);
create index quality_referral_program_idx on quality_referral (program_id, received_on);
create index quality_referral_patient_idx on quality_referral (patient_id);

-- The months whose summary went out to the supervisors (once, whichever node ran the job).
create table quality_summary_month (
    month   date primary key,
    sent_at timestamptz not null default now()
);

-- Whether the read model was filled once from the modules' query APIs (the data recorded before the module existed).
create table quality_backfill (
    id      integer primary key constraint quality_backfill_one check (id = 1),
    done_at timestamptz not null default now(),
    cases   integer not null
);
