-- Programs: configuration of a kind of case management, and the supervisors responsible for each.
create table program (
    id                 uuid primary key,
    organization_id    uuid        not null,
    name               text        not null,
    type               text        not null check (type in ('HOSPITAL_TRANSITIONS', 'CHRONIC_CARE_MANAGEMENT',
        'COMPLEX_CARE', 'BEHAVIOURAL_HEALTH', 'SUBSTANCE_USE', 'GERIATRIC', 'PAEDIATRIC', 'HOUSING',
        'REHABILITATION', 'INSURER_CASE_MANAGEMENT')),
    description        text        not null default '',
    eligibility        text        not null default '',
    contact_every_days int         not null check (contact_every_days between 1 and 366),
    confidentiality    text        not null check (confidentiality in ('STANDARD', 'SENSITIVE', 'PART2')),
    active             boolean     not null default true,
    created_at         timestamptz not null default now(),
    created_by         text        not null,
    updated_at         timestamptz,
    updated_by         text
);
create unique index program_name_idx on program (organization_id, lower(name));

create table program_supervisor (
    program_id uuid not null references program (id),
    user_id    uuid not null,
    primary key (program_id, user_id)
);
create index program_supervisor_user_idx on program_supervisor (user_id);
