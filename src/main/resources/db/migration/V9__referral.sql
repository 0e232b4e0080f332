-- Referrals: the queue, screening and decisions, each change of status kept as a step; source documents.
create table referral (
    id              uuid primary key,
    patient_id      uuid        not null,
    program_id      uuid        not null,
    source_type     text        not null check (source_type in ('PROVIDER', 'SELF', 'FAMILY', 'PAYER', 'HOSPITAL', 'OUTREACH')),
    source_name     text,
    source_contact  text,
    reason          text        not null,
    urgency         text        not null check (urgency in ('EMERGENT', 'URGENT', 'ROUTINE')),
    status          text        not null check (status in ('RECEIVED', 'SCREENING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN')),
    received_at     timestamptz not null,
    claimed_by      uuid,
    claimed_at      timestamptz,
    decision_reason text,
    decided_at      timestamptz,
    decided_by      text,
    case_id         uuid,
    version         int         not null default 0,
    created_at      timestamptz not null default now(),
    created_by      text        not null,
    updated_at      timestamptz,
    updated_by      text,
    check (status <> 'SCREENING' or claimed_by is not null)
);
-- the queue: open referrals by urgency and waiting time
create index referral_queue_idx on referral (status, urgency, received_at);
create index referral_patient_idx on referral (patient_id);
create index referral_claimed_idx on referral (claimed_by) where status = 'SCREENING';

create table referral_step (
    id          bigint generated always as identity primary key,
    referral_id uuid        not null references referral (id),
    from_status text,
    to_status   text        not null,
    note        text,
    created_at  timestamptz not null default now(),
    created_by  text        not null
);
create index referral_step_referral_idx on referral_step (referral_id);

create table referral_attachment (
    id           uuid primary key,
    referral_id  uuid        not null references referral (id),
    filename     text        not null,
    content_type text        not null,
    size_bytes   bigint      not null,
    content      bytea       not null,
    uploaded_at  timestamptz not null default now(),
    uploaded_by  text        not null
);
create index referral_attachment_referral_idx on referral_attachment (referral_id);
