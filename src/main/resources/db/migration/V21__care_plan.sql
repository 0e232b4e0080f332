-- One living care plan per case. Every save is a new, immutable version (the whole plan as JSON: problems,
-- goals, interventions, barriers) with its author and reason; the plan row points at the current one.
create table care_plan (
    id              uuid primary key,
    case_id         uuid        not null unique,
    patient_id      uuid        not null,
    status          text        not null check (status in ('ACTIVE', 'COMPLETED')),
    current_version int         not null check (current_version > 0),
    review_due      date,
    created_at      timestamptz not null default now(),
    created_by      text        not null,
    updated_at      timestamptz
);
create index care_plan_patient_idx on care_plan (patient_id);
create index care_plan_review_idx on care_plan (review_due) where status = 'ACTIVE';

create table care_plan_version (
    plan_id    uuid        not null references care_plan (id),
    version    int         not null check (version > 0),
    content    jsonb       not null,
    review_due date,
    reason     text        not null check (length(trim(reason)) > 0),
    author     text        not null,
    created_at timestamptz not null default now(),
    primary key (plan_id, version)
);

-- history is never lost: a version, once written, cannot be changed or removed
create function care_plan_version_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'care plan versions cannot be changed or deleted' using errcode = 'P0001';
end $$;
create trigger care_plan_version_no_change before update or delete on care_plan_version
    for each row execute function care_plan_version_immutable();
create trigger care_plan_version_no_truncate before truncate on care_plan_version
    for each statement execute function care_plan_version_immutable();

-- The patient's (or family's) agreement with a version of the plan: who, when, how.
create table care_plan_agreement (
    id             uuid primary key,
    plan_id        uuid        not null,
    version        int         not null,
    party_name     text        not null,
    party_relation text        not null check (party_relation in ('PATIENT', 'FAMILY', 'CAREGIVER', 'LEGAL_REPRESENTATIVE')),
    method         text        not null check (method in ('IN_PERSON', 'PHONE', 'VIDEO', 'PORTAL', 'SIGNED_COPY')),
    agreed_at      timestamptz not null,
    note           text,
    recorded_at    timestamptz not null default now(),
    recorded_by    text        not null,
    foreign key (plan_id, version) references care_plan_version (plan_id, version)
);
create index care_plan_agreement_plan_idx on care_plan_agreement (plan_id, agreed_at desc);

-- Progress notes on a goal, each with the achievement status at that moment (FHIR Goal.achievementStatus).
create table goal_progress (
    id          uuid primary key,
    plan_id     uuid        not null references care_plan (id),
    goal_id     uuid        not null,
    achievement text        not null check (achievement in ('IN_PROGRESS', 'IMPROVING', 'WORSENING', 'NO_CHANGE',
        'ACHIEVED', 'SUSTAINING', 'NOT_ACHIEVED', 'NO_PROGRESS', 'NOT_ATTAINABLE')),
    note        text        not null,
    recorded_at timestamptz not null default now(),
    recorded_by text        not null
);
create index goal_progress_plan_idx on goal_progress (plan_id, goal_id, recorded_at);
