-- The description of a task Caremap makes itself, and the note it writes when it closes or moves one, carry their
-- text of the message bundle and its arguments (as titles do since V72), so each reader sees them in their language;
-- description, outcome and note keep the English words (search, FHIR, the audit trail). An argument written
-- '@day:2026-12-04' or '@time:2026-12-04T14:30' is a date (or a date and time in the organisation's zone) the reader
-- sees in their language.
alter table task
    add column description_key  text constraint task_description_key_format
        check (description_key ~ '^task\.description\.[A-Za-z0-9_.-]{1,80}$'),
    add column description_args text[] constraint task_description_args_size check (cardinality(description_args) <= 6),
    -- outcome_key and outcome_args came with V84 (the portal's "done by the patient", task.outcome.*); the notes
    -- Caremap writes when it closes work (task.note.*) are kept there too
    drop constraint task_outcome_key_format,
    drop constraint task_outcome_args_size,
    add constraint task_outcome_key_format check (outcome_key ~ '^task\.(outcome|note)\.[A-Za-z0-9_.-]{1,80}$'),
    add constraint task_outcome_args_size check (cardinality(outcome_args) <= 6);

alter table task_step
    add column note_key  text constraint task_step_note_key_format check (note_key ~ '^task\.note\.[A-Za-z0-9_.-]{1,80}$'),
    add column note_args text[] constraint task_step_note_args_size check (cardinality(note_args) <= 6);
