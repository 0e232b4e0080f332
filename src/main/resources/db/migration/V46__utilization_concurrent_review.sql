-- Concurrent review of inpatient stays (utilization module): one review per open inpatient stay of a covered
-- patient, learnt from the hospital feed's events (the encounter id is the natural key), with the payer, the
-- expected length of stay and what it was taken from, the reviewer, the next review date (a business day) and a
-- status that moves only along stay_review_transition. Each review the reviewer records is a row of
-- stay_review_entry, which the database refuses to change or delete.
create table stay_review (
    id               uuid primary key,
    encounter_id     uuid        not null unique,
    patient_id       uuid        not null,
    facility         text        not null constraint stay_review_facility_max_200 check (char_length(facility) <= 200),
    location         text constraint stay_review_location_max_200 check (char_length(location) <= 200),
    admission_type   text constraint stay_review_admission_type_max_20 check (char_length(admission_type) <= 20),
    admitted_at      timestamptz not null,
    payer            text        not null constraint stay_review_payer_max_200 check (char_length(payer) <= 200),
    plan             text constraint stay_review_plan_max_200 check (char_length(plan) <= 200),
    member_id        text constraint stay_review_member_id_max_100 check (char_length(member_id) <= 100),
    expected_days    integer     not null check (expected_days between 1 and 365),
    expected_basis   text        not null constraint stay_review_expected_basis_max_200 check (char_length(expected_basis) <= 200),
    reviewer_id      uuid,
    status           text        not null check (status in ('OPEN', 'CLOSED', 'CANCELLED')),
    next_review_on   date        not null,
    opened_count     integer     not null default 1,
    reviews          integer     not null default 0,
    last_review_at   timestamptz,
    last_met         boolean,
    last_entry_id    uuid,
    discharged_at    timestamptz,
    closed_at        timestamptz,
    close_reason     text constraint stay_review_close_reason_max_200 check (char_length(close_reason) <= 200),
    version          integer     not null default 0,
    created_at       timestamptz not null default now(),
    created_by       text        not null,
    updated_at       timestamptz not null default now(),
    updated_by       text        not null,
    check ((status = 'OPEN') = (closed_at is null))
);
-- the reviewer's queue: their open stays by next review date (the home page of a reviewer)
create index stay_review_queue_idx on stay_review (reviewer_id, next_review_on, admitted_at, id) where status = 'OPEN';
-- the supervisor's queue: every open stay by next review date (filters by payer or overdue narrow it)
create index stay_review_open_idx on stay_review (next_review_on, admitted_at, id) where status = 'OPEN';
-- the chart's reviews tab and the timeline: a patient's stays under review
create index stay_review_patient_idx on stay_review (patient_id, admitted_at desc);

-- The state machine: the only moves there are. Updates of the status are guarded by it in SQL.
create table stay_review_transition (
    action      text not null,
    from_status text not null,
    to_status   text not null,
    primary key (action, from_status)
);
insert into stay_review_transition (action, from_status, to_status) values
    ('close', 'OPEN', 'CLOSED'),
    ('cancel', 'OPEN', 'CANCELLED'),
    ('reopen', 'CLOSED', 'OPEN'),
    ('reopen', 'CANCELLED', 'OPEN');

-- One recorded review: the level of care and whether the criteria met it, the criteria set by name (InterQual and
-- MCG are licensed: only their names and the reviewer's reference are kept), the medical-necessity note, avoidable
-- days with a coded reason, discharge barriers (coded, with a note), and the next review date it set.
create table stay_review_entry (
    id               uuid primary key,
    review_id        uuid        not null references stay_review (id),
    patient_id       uuid        not null,
    reviewed_on      date        not null,
    day_of_stay      integer     not null check (day_of_stay between 1 and 3650),
    level_of_care    text        not null check (level_of_care in ('INTENSIVE_CARE', 'STEP_DOWN', 'ACUTE', 'OBSERVATION')),
    criteria_met     boolean     not null,
    criteria_set     text        not null check (criteria_set in ('INTERQUAL', 'MCG', 'OTHER')),
    criteria_name    text constraint stay_review_entry_criteria_name_max_120 check (char_length(criteria_name) <= 120),
    criteria_reference text constraint stay_review_entry_criteria_reference_max_200 check (char_length(criteria_reference) <= 200),
    necessity_note   text        not null constraint stay_review_entry_necessity_note_max_4000
        check (char_length(necessity_note) between 1 and 4000),
    avoidable_days   integer     not null default 0 check (avoidable_days between 0 and 60),
    avoidable_reason text check (avoidable_reason in ('PHYSICIAN_DELAY', 'TEST_OR_PROCEDURE_DELAY', 'AWAITING_POST_ACUTE_BED',
        'AWAITING_HOME_SERVICES', 'PAYER_AUTHORIZATION', 'PATIENT_OR_FAMILY_DECISION', 'LATE_DISCHARGE_PLANNING',
        'SOCIAL_OR_HOUSING', 'OTHER')),
    barriers         text[]      not null default '{}',
    barriers_note    text constraint stay_review_entry_barriers_note_max_1000 check (char_length(barriers_note) <= 1000),
    next_review_on   date        not null,
    created_at       timestamptz not null default now(),
    created_by       text        not null,
    check ((avoidable_days = 0) = (avoidable_reason is null)),
    check (criteria_set <> 'OTHER' or criteria_name is not null),
    check (barriers <@ array['POST_ACUTE_PLACEMENT', 'HOME_HEALTH', 'EQUIPMENT', 'NO_CAREGIVER', 'HOUSING', 'TRANSPORT',
        'AUTHORIZATION_PENDING', 'PATIENT_OR_FAMILY_DECISION', 'OTHER']::text[])
);
create index stay_review_entry_review_idx on stay_review_entry (review_id, created_at);
create index stay_review_entry_patient_idx on stay_review_entry (patient_id, created_at);

create function stay_review_entry_kept() returns trigger language plpgsql as $$
begin
    -- a merge of two patient records moves the reviews to the surviving record: the only change there is
    if tg_op = 'UPDATE' and (to_jsonb(new) - 'patient_id') = (to_jsonb(old) - 'patient_id') then
        return new;
    end if;
    raise exception 'a recorded review is kept as it was recorded' using errcode = 'P0001';
end $$;
create trigger stay_review_entry_kept before update or delete on stay_review_entry
    for each row execute function stay_review_entry_kept();

-- Who reviews a payer's stays (a supervisor's setting); stays of other payers go to the least loaded reviewer.
create table stay_review_payer_reviewer (
    payer       text        primary key constraint stay_review_payer_reviewer_payer_max_200 check (char_length(payer) <= 200),
    reviewer_id uuid        not null,
    updated_at  timestamptz not null default now(),
    updated_by  text        not null
);
