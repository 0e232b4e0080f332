-- Service-level clocks: what a program promises (a first contact within 2 business days of enrolment, a call within
-- 4 business hours of a safety flag), each started, paused, stopped by events, with warning and breach thresholds,
-- and one row per running clock (an instance) recording whether the promise was met or missed.
create table clock_definition (
    id               uuid primary key,
    program_id       uuid         not null,
    -- 'follow-up', 'tcm-contact' and 'tcm-visit' are the built-in clocks of the cadence and transitions work
    key              varchar(40)  not null check (key ~ '^[a-z0-9-]{1,40}$'),
    name             varchar(120) not null check (length(btrim(name)) > 0),
    start_event      varchar(30)  not null check (start_event in ('ENROLMENT', 'DISCHARGE', 'SAFETY_FLAG',
        'REFERRAL_RECEIVED', 'AUTHORIZATION_REQUESTED')),
    stop_event       varchar(30)  not null check (stop_event in ('FIRST_CONTACT', 'ASSESSMENT_COMPLETED',
        'AUTHORIZATION_DECIDED', 'STEP_MET', 'ENROLMENT', 'TASK_DONE')),
    unit             varchar(20)  not null check (unit in ('BUSINESS_DAYS', 'CALENDAR_DAYS', 'BUSINESS_HOURS',
        'CALENDAR_HOURS')),
    target           int          not null check (target between 1 and 8760),
    warn_before      int          check (warn_before is null or (warn_before >= 0 and warn_before < target)),
    pause_on_hold    boolean      not null default true,
    pause_in_hospital boolean     not null default false,
    keep_time_left   boolean      not null default true,
    notify           varchar(20)  not null check (notify in ('CASE_MANAGER', 'SUPERVISOR', 'BOTH', 'NOBODY')),
    built_in         boolean      not null default false,
    retired_at       timestamptz,
    retired_by       varchar(100),
    created_at       timestamptz  not null default now(),
    created_by       varchar(100) not null,
    updated_at       timestamptz,
    updated_by       varchar(100),
    version          int          not null default 0
);
create unique index clock_definition_key_idx on clock_definition (program_id, key);
create index clock_definition_start_idx on clock_definition (start_event, program_id) where retired_at is null;

create table clock_instance (
    id             uuid primary key,
    definition_id  uuid         not null references clock_definition (id),
    program_id     uuid         not null,
    patient_id     uuid         not null,
    case_id        uuid,
    -- what started it (natural key: 'case:<id>', 'encounter:<id>', 'assessment:<id>', 'authorization:<id>')
    subject        varchar(120) not null,
    status         varchar(12)  not null check (status in ('RUNNING', 'PAUSED', 'MET', 'MISSED', 'CANCELLED')),
    target         int          not null check (target between 1 and 8760),
    started_at     timestamptz  not null,
    due_at         timestamptz  not null,
    warn_at        timestamptz,
    paused_at      timestamptz,
    -- the clock's time left when it was paused (business time for business units), kept for the resume
    left_millis    bigint,
    paused_seconds bigint       not null default 0,
    stopped_at     timestamptz,
    warned_at      timestamptz,
    breached_at    timestamptz,
    stop_reason    varchar(300),
    created_at     timestamptz  not null default now(),
    created_by     varchar(100) not null,
    updated_at     timestamptz,
    updated_by     varchar(100),
    check ((status = 'PAUSED') = (paused_at is not null)),
    check (status in ('RUNNING', 'PAUSED') or stopped_at is not null)
);
