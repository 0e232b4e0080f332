-- Staff credentials and training (module workforce): each member of staff's licences and certifications with their
-- expiry, the trainings the organisation requires (HIPAA yearly and those an administrator defines) and when each
-- person completed them, whether a person must hold a licence to take cases, and the reminders sent (one row per
-- credential or training, due day and threshold, so that a reminder goes out once whatever the runs or nodes).

create table workforce_credential (
    id           uuid primary key,
    user_id      uuid not null,
    kind         text not null check (kind in ('LICENCE', 'CERTIFICATION')),
    type         text not null check (length(type) between 1 and 60),
    state        text check (state is null or length(state) between 1 and 40),
    number       text check (number is null or length(number) between 1 and 60),
    expires_on   date not null,
    voided       boolean not null default false,
    voided_by    text,
    void_reason  text check (void_reason is null or length(void_reason) <= 500),
    version      int not null default 0,
    created_at   timestamptz not null default now(),
    created_by   text not null,
    updated_at   timestamptz not null default now(),
    updated_by   text not null
);
create index workforce_credential_user on workforce_credential (user_id) where not voided;
create index workforce_credential_expiry on workforce_credential (expires_on) where not voided;

-- role null: every member of staff who works with patients; period in months between completions
create table workforce_training (
    id             uuid primary key,
    name           text not null check (length(name) between 1 and 120),
    period_months  int not null check (period_months between 1 and 120),
    role           text check (role is null or role in ('SUPERVISOR', 'CASE_MANAGER', 'INTAKE', 'CARE_TEAM', 'UTILIZATION_REVIEW')),
    active         boolean not null default true,
    created_at     timestamptz not null default now(),
    created_by     text not null,
    updated_at     timestamptz not null default now(),
    updated_by     text not null
);
create unique index workforce_training_name on workforce_training (lower(name)) where active;

insert into workforce_training (id, name, period_months, role, created_by, updated_by)
values ('6f1c2a4e-0b7d-4c55-9a39-3f0d2c1b7a01', 'HIPAA privacy and security', 12, null, 'system', 'system');

create table workforce_training_completion (
    id            uuid primary key,
    user_id       uuid not null,
    training_id   uuid not null references workforce_training (id),
    completed_on  date not null,
    created_at    timestamptz not null default now(),
    created_by    text not null
);
create index workforce_completion_user on workforce_training_completion (user_id, training_id, completed_on desc);

-- a person who may take cases only while holding a valid licence (set by their supervisor or an administrator)
create table workforce_person (
    user_id           uuid primary key,
    licence_required  boolean not null default false,
    updated_at        timestamptz not null default now(),
    updated_by        text not null
);

-- subject: the credential, or the training requirement (for the user); one row per reminder sent
create table workforce_reminder (
    user_id    uuid not null,
    subject    uuid not null,
    due_on     date not null,
    threshold  int not null check (threshold in (30, 60)),
    sent_at    timestamptz not null default now(),
    primary key (user_id, subject, due_on, threshold)
);
