-- Patient feedback and complaints, positive or negative, with who follows up and how it ended.
create table patient_feedback (
    id              uuid primary key,
    patient_id      uuid        not null,
    case_id         uuid,
    sentiment       text        not null check (sentiment in ('POSITIVE', 'NEGATIVE')),
    category        text        not null check (category in ('CARE_QUALITY', 'ACCESS', 'COMMUNICATION', 'STAFF',
        'BILLING', 'SAFETY', 'OTHER')),
    description     text        not null,
    follow_up_owner uuid,
    status          text        not null check (status in ('OPEN', 'RESOLVED')),
    outcome         text,
    received_at     timestamptz not null,
    resolved_at     timestamptz,
    resolved_by     text,
    created_at      timestamptz not null default now(),
    created_by      text        not null,
    check (status <> 'RESOLVED' or (outcome is not null and resolved_at is not null))
);
create index patient_feedback_patient_idx on patient_feedback (patient_id, received_at desc);
create index patient_feedback_open_idx on patient_feedback (follow_up_owner) where status = 'OPEN';
