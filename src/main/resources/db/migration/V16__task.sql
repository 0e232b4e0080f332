-- Tasks (FHIR Task): a piece of work with an owner (a user, or a team queue someone claims from), a window
-- (not before, due), a priority and a status; every change kept as a step; escalation recorded once.
create table task (
    id            uuid primary key,
    patient_id    uuid        not null,
    case_id       uuid,
    type          text        not null check (type in ('OUTREACH_CALL', 'VISIT', 'ASSESSMENT_DUE', 'CARE_PLAN_REVIEW',
        'MEDICATION_RECONCILIATION', 'AUTHORIZATION_FOLLOW_UP', 'REFERRAL_FOLLOW_UP', 'SAFETY_FOLLOW_UP', 'OTHER')),
    title         text        not null,
    description   text,
    owner_user_id uuid,
    owner_team_id uuid,
    status        text        not null check (status in ('REQUESTED', 'READY', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETED',
        'CANCELLED', 'FAILED')),
    priority      text        not null check (priority in ('ROUTINE', 'URGENT', 'ASAP', 'STAT')),
    not_before    timestamptz,
    due_at        timestamptz,
    outcome       text,
    completed_at  timestamptz,
    completed_by  text,
    source        text,
    escalated_at  timestamptz,
    version       int         not null default 0,
    created_at    timestamptz not null default now(),
    created_by    text        not null,
    updated_at    timestamptz,
    updated_by    text,
    check (owner_user_id is not null or owner_team_id is not null),
    check (due_at is null or not_before is null or due_at >= not_before)
);
-- "My day": a user's open tasks by due time; a team's queue; the escalation sweep
create index task_owner_open_idx on task (owner_user_id, due_at)
    where status in ('REQUESTED', 'READY', 'IN_PROGRESS', 'ON_HOLD');
create index task_team_open_idx on task (owner_team_id, due_at)
    where owner_user_id is null and status in ('REQUESTED', 'READY', 'IN_PROGRESS', 'ON_HOLD');
create index task_overdue_idx on task (due_at)
    where escalated_at is null and status in ('REQUESTED', 'READY', 'IN_PROGRESS');
create index task_patient_idx on task (patient_id, created_at desc);
create index task_case_idx on task (case_id) where case_id is not null;

create table task_step (
    id         bigint generated always as identity primary key,
    task_id    uuid        not null references task (id),
    kind       text        not null,
    from_value text,
    to_value   text        not null,
    note       text,
    created_at timestamptz not null default now(),
    created_by text        not null
);
create index task_step_task_idx on task_step (task_id);
