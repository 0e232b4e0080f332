-- Contacts: every call, visit, message and attempt, with whom, how it ended and the minutes spent; the tasks a
-- contact completed. Attempts are kept: they are the evidence for service-level rules.
create table contact (
    id            uuid primary key,
    patient_id    uuid        not null,
    case_id       uuid,
    type          text        not null check (type in ('PHONE', 'VIDEO', 'IN_PERSON', 'HOME_VISIT', 'PORTAL_MESSAGE',
        'LETTER', 'EMAIL')),
    direction     text        not null check (direction in ('OUTBOUND', 'INBOUND')),
    with_whom     text        not null check (with_whom in ('PATIENT', 'CAREGIVER', 'PROVIDER', 'PAYER',
        'COMMUNITY_ORGANIZATION')),
    with_name     text,
    outcome       text        not null check (outcome in ('REACHED', 'LEFT_MESSAGE', 'NO_ANSWER', 'WRONG_NUMBER',
        'DECLINED')),
    occurred_at   timestamptz not null,
    minutes       int         not null check (minutes between 0 and 1440),
    staff_kind    text        not null default 'CLINICAL_STAFF' check (staff_kind in ('CLINICAL_STAFF', 'PHYSICIAN')),
    summary       text,
    voided        boolean     not null default false,
    voided_by     text,
    void_reason   text,
    created_at    timestamptz not null default now(),
    created_by    text        not null
);
create index contact_patient_idx on contact (patient_id, occurred_at desc);
create index contact_case_idx on contact (case_id, occurred_at desc) where case_id is not null;

create table contact_task (
    contact_id uuid not null references contact (id),
    task_id    uuid not null,
    primary key (contact_id, task_id)
);
