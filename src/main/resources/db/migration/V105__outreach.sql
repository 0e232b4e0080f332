-- Outreach registries (outreach module): saved rules evaluated nightly on the module's own read model, which the
-- listeners of the other modules' events fill (never by reading their tables). Each fact is keyed by the id of what
-- it records, so an event delivered twice changes nothing. Days are days in the organisation's time zone.

-- Registered patients, and whether a primary care provider is on record.
create table outreach_patient (
    patient_id uuid primary key,
    has_pcp    boolean not null default false
);

-- Problem-list conditions (ICD-10-CM codes compared by prefix) and whether they are active.
create table outreach_condition (
    condition_id uuid primary key,
    patient_id   uuid    not null,
    code         text    not null,
    active       boolean not null
);
create index outreach_condition_patient_idx on outreach_condition (patient_id);
create index outreach_condition_code_idx on outreach_condition (code text_pattern_ops) where active;

-- Completed assessments with their primary score.
create table outreach_assessment (
    assessment_id  uuid primary key,
    patient_id     uuid    not null,
    instrument_key text    not null,
    total          numeric not null,
    completed_on   date    not null
);
create index outreach_assessment_patient_idx on outreach_assessment (patient_id, instrument_key, completed_on desc);

-- ED visits.
create table outreach_ed_visit (
    encounter_id uuid primary key,
    patient_id   uuid not null,
    arrived_on   date not null
);
create index outreach_ed_visit_patient_idx on outreach_ed_visit (patient_id, arrived_on);

-- Contacts logged (attempts included).
create table outreach_contact (
    contact_id  uuid primary key,
    patient_id  uuid not null,
    occurred_on date not null
);
create index outreach_contact_patient_idx on outreach_contact (patient_id, occurred_on);

-- Enrolments: open until a closing day is heard (the closing may be heard before the opening).
create table outreach_case (
    case_id    uuid primary key,
    patient_id uuid not null,
    opened_on  date,
    closed_on  date
);
create index outreach_case_open_idx on outreach_case (patient_id) where closed_on is null;

-- Referrals, and whether each is still waiting for a decision.
create table outreach_referral (
    referral_id uuid primary key,
    patient_id  uuid    not null,
    open        boolean not null
);
create index outreach_referral_open_idx on outreach_referral (patient_id) where open;

-- The saved rules. Every criterion left empty (null, or an empty list) does not narrow the registry.
create table outreach_rule (
    id                uuid primary key,
    name              text        not null constraint outreach_rule_name check (char_length(name) between 1 and 200),
    description       text        constraint outreach_rule_description check (char_length(description) <= 2000),
    condition_groups  text[]      not null default '{}',
    instrument_key    text        constraint outreach_rule_instrument check (char_length(instrument_key) <= 64),
    min_score         numeric,
    ed_months         integer     constraint outreach_rule_ed_months check (ed_months between 1 and 36),
    ed_min            integer     constraint outreach_rule_ed_min check (ed_min between 1 and 100),
    no_pcp            boolean     not null default false,
    no_contact_days   integer     constraint outreach_rule_no_contact check (no_contact_days between 1 and 3650),
    not_enrolled      boolean     not null default false,
    active            boolean     not null default true,
    created_by        text        not null,
    created_at        timestamptz not null default now(),
    constraint outreach_rule_score check ((instrument_key is null) = (min_score is null)),
    constraint outreach_rule_ed check ((ed_months is null) = (ed_min is null))
);
create unique index outreach_rule_name_idx on outreach_rule (lower(name)) where active;

-- The members of each rule as of its latest evaluation (replaced by the next one).
create table outreach_member (
    rule_id    uuid not null references outreach_rule (id),
    patient_id uuid not null,
    day        date not null,
    primary key (rule_id, patient_id)
);

-- Each rule's size per day (one row a day, whatever the number of runs or nodes).
create table outreach_size (
    rule_id uuid    not null references outreach_rule (id),
    day     date    not null,
    members integer not null,
    primary key (rule_id, day)
);

-- The evaluations of a day: how many times they ran (once a night across the nodes), where and when last.
create table outreach_run (
    day         date primary key,
    runs        integer     not null,
    node        text        not null,
    finished_at timestamptz not null default now()
);
