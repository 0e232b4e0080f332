-- Case conferences and team meetings (team module). A conference has a date and time, a title, its attendees (Caremap
-- users by id, and people outside Caremap by name and role as typed), the cases on its agenda (with the reasons they
-- were flagged for discussion), notes per case and decisions per case. A decision with an owner and a due date becomes
-- a task (the task module listens to DecisionRecorded). The status moves only along conference_transition, one guarded
-- update joined to it; every edit first bumps the conference's version where its status is still DRAFT, so nothing
-- changes a signed (locked) or cancelled conference.

create table conference_transition (
    action      text not null,
    from_status text not null check (from_status in ('DRAFT', 'SIGNED', 'CANCELLED')),
    to_status   text not null check (to_status in ('DRAFT', 'SIGNED', 'CANCELLED')),
    primary key (action, from_status)
);
insert into conference_transition (action, from_status, to_status) values
    ('SIGN', 'DRAFT', 'SIGNED'),
    ('CANCEL', 'DRAFT', 'CANCELLED');

-- recurring team meetings: weekly on a weekday at a time in the organisation's time zone, for a team or a program
create table team_meeting (
    id             uuid primary key,
    name           text        not null constraint team_meeting_name_max_200 check (char_length(name) between 1 and 200),
    team_id        uuid,
    program_id     uuid,
    weekday        integer     not null check (weekday between 1 and 7),
    at_time        time        not null,
    minutes        integer     not null default 60 check (minutes between 15 and 480),
    facilitator_id uuid        not null,
    active         boolean     not null default true,
    created_at     timestamptz not null default now(),
    created_by     text        not null,
    updated_at     timestamptz not null default now(),
    updated_by     text        not null,
    check ((team_id is null) <> (program_id is null))
);
create index team_meeting_active_idx on team_meeting (name) where active;

create table conference (
    id             uuid primary key,
    title          text        not null constraint conference_title_max_200 check (char_length(title) between 1 and 200),
    starts_at      timestamptz not null,
    status         text        not null default 'DRAFT' check (status in ('DRAFT', 'SIGNED', 'CANCELLED')),
    meeting_id     uuid references team_meeting (id),
    facilitator_id uuid        not null,
    signed_by      uuid,
    signed_by_name text constraint conference_signed_by_name_max_200 check (char_length(signed_by_name) <= 200),
    signed_at      timestamptz,
    cancel_reason  text constraint conference_cancel_reason_max_500 check (char_length(cancel_reason) <= 500),
    version        integer     not null default 0,
    created_at     timestamptz not null default now(),
    created_by     text        not null,
    updated_at     timestamptz not null default now(),
    updated_by     text        not null,
    check ((status = 'SIGNED') = (signed_at is not null)),
    -- one conference per meeting occurrence: opening the next meeting twice makes one
    unique (meeting_id, starts_at)
);
-- the list page: newest first, paged
create index conference_starts_idx on conference (starts_at desc, id);

create table conference_attendee (
    id            uuid primary key,
    conference_id uuid        not null references conference (id),
    user_id       uuid,
    name          text        not null constraint conference_attendee_name_max_200 check (char_length(name) between 1 and 200),
    role          text constraint conference_attendee_role_max_100 check (char_length(role) <= 100),
    created_at    timestamptz not null default now(),
    created_by    text        not null,
    unique (conference_id, user_id)
);
create index conference_attendee_conference_idx on conference_attendee (conference_id);

-- a case on the agenda: patient data (its notes), never hard-deleted (voided)
create table conference_case (
    id            uuid primary key,
    conference_id uuid        not null references conference (id),
    case_id       uuid        not null,
    patient_id    uuid        not null,
    position      integer     not null,
    reasons       text constraint conference_case_reasons_max_1000 check (char_length(reasons) <= 1000),
    notes         text constraint conference_case_notes_max_8000 check (char_length(notes) <= 8000),
    voided        boolean     not null default false,
    voided_by     text,
    void_reason   text constraint conference_case_void_reason_max_500 check (char_length(void_reason) <= 500),
    created_at    timestamptz not null default now(),
    created_by    text        not null,
    updated_at    timestamptz not null default now(),
    updated_by    text        not null
);
create unique index conference_case_once_idx on conference_case (conference_id, case_id) where not voided;
create index conference_case_conference_idx on conference_case (conference_id, position);
-- the patient's timeline
create index conference_case_patient_idx on conference_case (patient_id) where not voided;

create table conference_decision (
    id                 uuid primary key,
    conference_id      uuid        not null references conference (id),
    conference_case_id uuid        not null references conference_case (id),
    patient_id         uuid        not null,
    case_id            uuid        not null,
    text               text        not null constraint conference_decision_text_max_1000 check (char_length(text) between 1 and 1000),
    owner_id           uuid,
    owner_name         text constraint conference_decision_owner_name_max_200 check (char_length(owner_name) <= 200),
    due_on             date,
    voided             boolean     not null default false,
    voided_by          text,
    void_reason        text constraint conference_decision_void_reason_max_500 check (char_length(void_reason) <= 500),
    created_at         timestamptz not null default now(),
    created_by         text        not null,
    updated_at         timestamptz not null default now(),
    updated_by         text        not null,
    -- an owner and a due date go together: with both, the decision becomes a task
    check ((owner_id is null) = (due_on is null))
);
create index conference_decision_conference_idx on conference_decision (conference_id, created_at);
