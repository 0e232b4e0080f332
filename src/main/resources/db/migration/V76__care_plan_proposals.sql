-- Shared care planning (careplan module): goals the patient proposes in their own words in the portal, until the case
-- manager adopts one into the plan (a new version, the goal expressed by the patient) or declines it with a reason the
-- patient reads. A state machine: PROPOSED -> ADOPTED | DECLINED (guarded in SQL).
create table care_plan_proposal (
    id            uuid primary key,
    plan_id       uuid        not null references care_plan (id),
    patient_id    uuid        not null,
    text          text        not null constraint care_plan_proposal_text_max_500 check (char_length(text) between 1 and 500),
    why           text        constraint care_plan_proposal_why_max_1000 check (char_length(why) <= 1000),
    proposed_by   text        not null constraint care_plan_proposal_by_max_200 check (char_length(proposed_by) between 1 and 200),
    status        text        not null default 'PROPOSED' check (status in ('PROPOSED', 'ADOPTED', 'DECLINED')),
    goal_id       uuid,
    decided_by    text,
    decided_at    timestamptz,
    decline_reason text       constraint care_plan_proposal_reason_max_1000 check (char_length(decline_reason) <= 1000),
    created_at    timestamptz not null default now(),
    created_by    text        not null,
    updated_at    timestamptz not null default now(),
    updated_by    text        not null
);
-- the patient's proposals (portal and the care-plan page), latest first
create index care_plan_proposal_patient_idx on care_plan_proposal (patient_id, created_at desc);
