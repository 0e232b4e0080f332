-- FHIR Bulk Data exports: the request (who asked, with which token subject and scopes, for what), its progress,
-- and the NDJSON files it produced (kept in the database so that any node answers the status and file requests).
create table bulk_export_job (
    id               uuid primary key,
    requested_by     text        not null,
    token_scopes     text        not null,
    level            text        not null check (level in ('SYSTEM', 'PATIENT', 'GROUP')),
    group_id         text,
    types            text[]      not null,
    since            timestamptz,
    request_url      text        not null,
    status           text        not null check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    progress         text,
    error            text,
    created_at       timestamptz not null default now(),
    transaction_time timestamptz not null,
    finished_at      timestamptz,
    expires_at       timestamptz
);
create index bulk_export_job_expiry on bulk_export_job (expires_at) where expires_at is not null;

create table bulk_export_file (
    job_id        uuid        not null references bulk_export_job (id) on delete cascade,
    seq           int         not null,
    resource_type text        not null,
    line_count    int         not null,
    content       text        not null,
    primary key (job_id, seq)
);
