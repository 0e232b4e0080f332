-- Break-the-glass: access to a record outside one's care relationships, with a stated reason, for a limited
-- time; every grant is kept.
create table break_glass (
    id         uuid primary key,
    user_id    uuid        not null,
    patient_id uuid        not null,
    reason     text        not null,
    granted_at timestamptz not null,
    expires_at timestamptz not null,
    check (expires_at > granted_at)
);
create index break_glass_user_patient_idx on break_glass (user_id, patient_id, expires_at);
