-- Asynchronous FHIR bundle imports (POST /fhir with Prefer: respond-async): the bundle as sent, where the job
-- stands, and what became of each entry. A job is run by one node in chunks; each chunk's data and its results
-- commit together, so a job that stops resumes after its last chunk. Only the client that asked sees the job.
create table fhir_import_job (
    id           uuid        primary key,
    requested_by text        not null,
    acts_as      text        not null check (acts_as in ('SYSTEM', 'PERSON')),
    bundle_type  text        not null check (bundle_type in ('transaction', 'batch')),
    bundle       text        not null,
    entry_count  int         not null,
    done_count   int         not null default 0,
    status       text        not null check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    error        text,
    created_at   timestamptz not null default now(),
    finished_at  timestamptz,
    expires_at   timestamptz
);
create index fhir_import_job_expires_idx on fhir_import_job (expires_at) where expires_at is not null;

create table fhir_import_result (
    job_id        uuid not null references fhir_import_job (id) on delete cascade,
    entry_index   int  not null,
    resource_type text not null,
    outcome       text not null check (outcome in ('CREATED', 'MATCHED', 'SKIPPED', 'REFUSED')),
    reference     text,
    reason        text,
    patient_id    uuid,
    primary key (job_id, entry_index)
);
