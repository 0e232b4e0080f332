-- Tasks the patient does (issue 21): a task the case team sets for the patient (or a family member the patient lets
-- act for them) to do, shown in the patient portal's "Things to do" and marked done there. The team member who owns it
-- still follows it up. A task done in the portal keeps its closing note as a text of the message bundle with its
-- arguments (each reader sees it in their language; outcome keeps the English words), and completed_by names the
-- portal account ("portal:<id>").
alter table task
    add column for_patient  boolean not null default false,
    add column outcome_key  text constraint task_outcome_key_format check (outcome_key ~ '^task\.outcome\.[A-Za-z0-9_.-]{1,80}$'),
    add column outcome_args text[] constraint task_outcome_args_size check (cardinality(outcome_args) <= 5);
-- the portal's list of a patient's things to do, soonest due first
create index task_for_patient_open_idx on task (patient_id, due_at)
    where for_patient and status in ('REQUESTED', 'READY', 'IN_PROGRESS', 'ON_HOLD');
