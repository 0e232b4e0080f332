-- A task Caremap makes itself carries its title as a text of the message bundle and its arguments, so each reader
-- sees it in their language (English or Spanish); title keeps the English words (search, FHIR, the audit trail).
alter table task
    add column title_key  text constraint task_title_key_format check (title_key ~ '^task\.title\.[A-Za-z0-9_.-]{1,80}$'),
    add column title_args text[] constraint task_title_args_size check (cardinality(title_args) <= 5);
