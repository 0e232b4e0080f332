-- "My day" as a read model of the task module (issue 24): the patients' display data (from the patient module's
-- events) and the cases' acuity (from the caseload module's events), kept beside the task table, so that the
-- worklist is read in one statement (the user's open tasks by the owner and due-time index, each joined by key to
-- these rows) instead of asking the patient and caseload modules for each page. Each row is keyed by what it
-- describes and carries the time of the change it holds: an event heard twice, or after a later one, changes
-- nothing. No foreign keys: the rows may arrive in any order and are rebuilt by the bulk loader.

create table task_worklist_patient (
    patient_id         uuid primary key,
    family_name        text not null,
    given_name         text not null,
    birth_date         date not null,
    preferred_language text not null,
    voided             boolean not null default false,
    changed_at         timestamptz not null
);

create table task_worklist_case (
    case_id    uuid primary key,
    acuity     text not null,
    changed_at timestamptz not null
);

-- backfill: the rows the listeners would have written for the records that exist (migrations may read any table)
insert into task_worklist_patient (patient_id, family_name, given_name, birth_date, preferred_language, voided, changed_at)
select id, family_name, given_name, birth_date, preferred_language, voided, coalesce(updated_at, created_at)
from patient;

insert into task_worklist_case (case_id, acuity, changed_at)
select id, acuity, coalesce(updated_at, created_at) from care_case;
